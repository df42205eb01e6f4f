package publish

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A record is what Commit writes beside every output before it changes
// anything, and removes once every new folder is in place: while a copy of
// the first one (the primary) exists, the commit is not done, so recovery
// puts every previous folder back; once it is gone, the new folders stand.
// The copies beside the other outputs only point recovery to the primary,
// so that the first build to publish any of the outputs again finds it.
type record struct {
	Copies  []string // absolute paths; Copies[0] is the primary
	Folders []entry
}

// entry is one folder of a commit, with what recovery needs to find its
// previous and new folders wherever the kill left them.
type entry struct {
	Final, New, Old string   // absolute paths (Old: where the previous goes without exchange)
	HadOld          bool     // Final existed before the commit
	OldID, NewID    string   // folderID of the previous and the new folder
	Hidden          []string // hidden names moved from the previous folder into the new one
}

func recordPrefix(final string) string { return "." + filepath.Base(final) + ".commit-" }

// writeRecord writes a copy of r beside every Final (the primary last), each
// locked until release. On an error nothing is left.
func writeRecord(r *record) (release func(), err error) {
	var files []*os.File
	closeAll := func() {
		for _, f := range files {
			f.Close()
		}
	}
	removeCopies := func() {
		// The primary first: once it is gone the commit counts as done.
		for _, p := range r.Copies {
			os.Remove(p)
		}
	}
	defer func() {
		if err != nil {
			removeCopies()
			closeAll()
		}
	}()
	for _, e := range r.Folders {
		p, err := uniqueName(e.Final)
		if err != nil {
			return nil, err
		}
		r.Copies = append(r.Copies, p)
	}
	data, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	for i := len(r.Copies) - 1; i >= 0; i-- {
		p := r.Copies[i]
		f, err := os.CreateTemp(filepath.Dir(p), filepath.Base(p)+".*.tmp")
		if err != nil {
			return nil, fmt.Errorf("cannot write the commit record beside %s: %w", r.Folders[i].Final, err)
		}
		files = append(files, f)
		if err := lockFile(f); err != nil {
			os.Remove(f.Name())
			return nil, err
		}
		_, err = f.Write(data)
		if err == nil {
			err = rename(f.Name(), p)
		}
		if err != nil {
			os.Remove(f.Name())
			return nil, fmt.Errorf("cannot write the commit record beside %s: %w", r.Folders[i].Final, err)
		}
	}
	return func() { removeCopies(); closeAll() }, nil
}

// uniqueName is a name for a record beside final that is not taken.
func uniqueName(final string) (string, error) {
	dir, prefix := filepath.Dir(final), recordPrefix(final)
	for range 10 {
		p := filepath.Join(dir, fmt.Sprintf("%s%d", prefix, time.Now().UnixNano()))
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			abs, err := filepath.Abs(p)
			return abs, err
		}
	}
	return "", fmt.Errorf("cannot name a commit record beside %s", final)
}

// recoverCommits finishes what a build killed in Commit left beside final:
// with its primary record still there, every folder of that commit is put
// back as it was before; without, the new folders stand. Then the records
// go (what is left of the folders goes in cleanStale).
func recoverCommits(final string) {
	dir, prefix := filepath.Dir(final), recordPrefix(final)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, de := range entries {
		if !strings.HasPrefix(de.Name(), prefix) {
			continue
		}
		p := filepath.Join(dir, de.Name())
		l, err := tryLockDir(p)
		if err != nil {
			continue // a commit under way
		}
		if strings.HasSuffix(p, ".tmp") { // a copy that was never written whole
			os.Remove(p)
			l.Close()
			continue
		}
		data, err := os.ReadFile(p)
		var r record
		if err != nil || json.Unmarshal(data, &r) != nil || len(r.Copies) == 0 {
			os.Remove(p)
			l.Close()
			continue
		}
		if _, err := os.Lstat(r.Copies[0]); err == nil {
			for _, e := range r.Folders {
				e.rollback()
			}
		}
		for _, c := range r.Copies {
			os.Remove(c)
		}
		l.Close()
	}
}

// find returns the first of paths that holds the folder id (by name alone
// where there are no ids: the first that exists).
func find(id string, paths ...string) string {
	for _, p := range paths {
		if id == "" {
			if _, err := os.Lstat(p); err == nil {
				return p
			}
		} else if folderID(p) == id {
			return p
		}
	}
	return ""
}

// rollback puts the previous folder back at Final, and the hidden files
// moved out of it back into it; the new folder is left under a name that
// cleanStale removes.
func (e entry) rollback() {
	if !e.HadOld {
		if find(e.NewID, e.Final) != "" {
			rename(e.Final, e.New)
		}
		return
	}
	old := find(e.OldID, e.Old, e.New, e.Final)
	if e.OldID == "" && old == e.New {
		old = e.Final // by names, New is always the new folder
	}
	switch {
	case old == "" || old == e.Final:
	case exists(e.Final):
		if exchangePaths(old, e.Final) != nil && rename(e.Final, e.New+".rollback") == nil {
			rename(old, e.Final)
		}
	default:
		rename(old, e.Final)
	}
	newAt := find(e.NewID, e.New, e.Old, e.New+".rollback")
	if newAt == "" || newAt == e.Final {
		return
	}
	for _, name := range e.Hidden {
		to := filepath.Join(e.Final, name)
		if !exists(to) {
			rename(filepath.Join(newAt, name), to)
		}
	}
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
