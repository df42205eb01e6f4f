// Package publish replaces folders of generated files whole, or not at all.
// It is the one way the generator puts output in place: the site, its
// search index and the HSDS export are each written into a new folder
// beside the one they replace ([New]), and the new folders are swapped in
// together ([Commit]), so that a failed or killed build never leaves a half
// written site, nor a new index beside an old site. It is a package of its
// own because the site, search and the command all publish, and it needs
// none of them.
//
// # Names beside the output
//
// For an output folder public, the new folder is .public.new-RANDOM. A
// build holds a lock (flock) on each of its new folders while it runs; the
// kernel drops it when the process ends, however it ends. New removes
// every such folder beside its output whose lock it can take, that is
// every one left by a build that was killed. (Where there is no flock, a
// folder left untouched for a day counts as a killed build's.)
//
// # A kill in the middle of Commit
//
// Commit first writes a commit record beside each output
// (.public.commit-NUMBER, locked like the folders, naming every folder of
// the commit), moves the hidden files of each previous folder into the new
// one, then puts each new folder in place: on Linux in one step (the
// previous and the new folder exchange names, so the output is never
// missing), elsewhere by renaming the previous one to .public.new-RANDOM.old
// first. The commit is done when the record beside the first output is
// removed; the previous folders go after that. A kill at any of these
// steps leaves each output whole but possibly the site new and its index
// previous; the next New of any of the outputs finds the record and, if
// the commit was not done, puts every previous folder back with its hidden
// files, so that the site and its index are always the same build by the
// time the next build (or `serve`, which builds first) writes anything.
//
// # What may be replaced
//
// Commit replaces a folder whole, so a mistyped -out would delete a file
// or a folder of someone's work. [Replaceable] accepts only a path that
// does not exist, an empty folder, or a folder with the marks of what the
// generator writes there (a site has 404.html and sitemap.xml, an index
// index.bleve). Hidden files (.keep, .git) do not count, and Commit keeps
// them: it moves those at the top of the previous folder into the new one.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The file system calls that change what is in place, so that tests can
// make each of them fail in turn.
var (
	rename    = os.Rename
	exchange  = exchangePaths
	removeAll = os.RemoveAll
	mkdirTemp = os.MkdirTemp
)

// Folder is a new folder being written beside the one it will replace.
type Folder struct {
	Final string // the folder it replaces
	Dir   string // the new folder, beside Final

	lock *os.File // held while the folder is in use (see the package doc)
	done bool     // committed or discarded
}

// New makes a new, empty folder beside final (which may not exist yet),
// after cleaning up what killed builds left there.
func New(final string) (*Folder, error) {
	final = filepath.Clean(final)
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the folder of %s: %w", final, err)
	}
	recoverCommits(final)
	cleanStale(final)
	for range 3 {
		dir, err := mkdirTemp(parent, tempPrefix(final))
		if err != nil {
			return nil, fmt.Errorf("cannot create a new folder beside %s: %w", final, err)
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		lock, err := lockDir(dir)
		if errors.Is(err, errGone) {
			continue // another build cleaned it up before it was locked
		}
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		return &Folder{Final: final, Dir: dir, lock: lock}, nil
	}
	return nil, fmt.Errorf("cannot create a new folder beside %s: another build keeps removing it", final)
}

func tempPrefix(final string) string { return "." + filepath.Base(final) + ".new-" }

// Discard removes the new folder and leaves the previous one as it was. It
// does nothing after Commit or a first Discard.
func (f *Folder) Discard() {
	if f == nil || f.done {
		return
	}
	f.done = true
	os.RemoveAll(f.Dir)
	f.lock.Close()
}

// Commit puts each folder's new Dir in place of its Final, all of them or
// none: when a step fails, the steps already done are undone, in reverse,
// and every Final is as it was (the new folders are left for Discard).
// Hidden files at the top of a previous folder are moved into the new one.
// A build killed in the middle of Commit is finished by the next New (see
// the package doc).
func Commit(folders ...*Folder) (err error) {
	for _, f := range folders {
		if f.done {
			return fmt.Errorf("%s was already committed or discarded", f.Dir)
		}
	}
	var undo []func()
	defer func() {
		if err != nil {
			for i := len(undo) - 1; i >= 0; i-- {
				undo[i]()
			}
		}
	}()
	move := func(from, to string) error {
		if err := rename(from, to); err != nil {
			return err
		}
		undo = append(undo, func() { rename(to, from) })
		return nil
	}

	// What the record says: each folder's names and ids, and the hidden
	// files of each previous folder that the new one lacks.
	r := &record{}
	var locks []*os.File
	defer func() {
		for _, l := range locks {
			l.Close()
		}
	}()
	for _, f := range folders {
		final, err1 := filepath.Abs(f.Final)
		dir, err2 := filepath.Abs(f.Dir)
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		e := entry{Final: final, New: dir, Old: dir + ".old", NewID: folderID(f.Dir)}
		if _, err := os.Lstat(f.Final); err == nil {
			e.HadOld, e.OldID = true, folderID(f.Final)
			// Locked, so that a build starting now does not take it for
			// one that a killed build left, once it is moved aside.
			if l, err := tryLockDir(f.Final); err == nil {
				locks = append(locks, l)
			}
			entries, err := os.ReadDir(f.Final)
			if err != nil {
				return fmt.Errorf("cannot read the previous %s: %w", f.Final, err)
			}
			for _, de := range entries {
				if strings.HasPrefix(de.Name(), ".") && !exists(filepath.Join(f.Dir, de.Name())) {
					e.Hidden = append(e.Hidden, de.Name())
				}
			}
		}
		r.Folders = append(r.Folders, e)
	}
	release, err := writeRecord(r)
	if err != nil {
		return err
	}
	undo = append(undo, release)
	stop("recorded")

	for i, f := range folders {
		for _, name := range r.Folders[i].Hidden {
			if err := move(filepath.Join(f.Final, name), filepath.Join(f.Dir, name)); err != nil {
				return fmt.Errorf("cannot keep %s in the new %s: %w", name, f.Final, err)
			}
		}
	}
	stop("hidden files moved")

	// Each new folder takes the place of the previous one in one step
	// where the system can (the previous one is then at Dir), or in two.
	olds := make([]string, len(folders))
	for i, f := range folders {
		e := r.Folders[i]
		switch {
		case !e.HadOld:
			if err := move(f.Dir, f.Final); err != nil {
				return fmt.Errorf("cannot put the new %s in place: %w", f.Final, err)
			}
		case exchange(f.Dir, f.Final) == nil:
			undo = append(undo, func() { exchange(f.Dir, f.Final) })
			olds[i] = f.Dir
		default:
			if err := move(f.Final, e.Old); err != nil {
				return fmt.Errorf("cannot move the previous %s aside: %w", f.Final, err)
			}
			olds[i] = e.Old
			stop(fmt.Sprintf("previous %d moved aside", i+1))
			if err := move(f.Dir, f.Final); err != nil {
				return fmt.Errorf("cannot put the new %s in place: %w", f.Final, err)
			}
		}
		stop(fmt.Sprintf("new %d in place", i+1))
	}
	// The commit is done when the primary record is gone.
	if err := os.Remove(r.Copies[0]); err != nil {
		return fmt.Errorf("cannot remove the commit record %s: %w", r.Copies[0], err)
	}
	stop("committed")
	undo = nil
	release()
	for i, f := range folders {
		f.done = true
		f.lock.Close()
		if olds[i] != "" {
			// Published; what is left if this fails goes at the next build.
			removeAll(olds[i])
		}
	}
	return nil
}

// cleanStale removes what killed builds left beside final: new folders
// and previous outputs moved aside, whose lock nobody holds. If final is
// missing and a previous output was moved aside, it is put back first.
func cleanStale(final string) {
	parent, prefix := filepath.Dir(final), tempPrefix(final)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(parent, e.Name())
		l, err := tryLockDir(p)
		if err != nil {
			continue // in use by a running build, or not ours to judge
		}
		if strings.HasSuffix(p, ".old") {
			if _, err := os.Lstat(final); errors.Is(err, fs.ErrNotExist) && rename(p, final) == nil {
				l.Close()
				continue
			}
		}
		removeAll(p)
		l.Close()
	}
}

// Replaceable returns nil if path may be replaced whole by a folder of
// output: it does not exist, or it is a folder that is empty, holds only
// hidden files, or holds every one of marks (names that only the
// generator's output has at its top). Otherwise it says what path is.
func Replaceable(path string, marks ...string) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return errors.New("is a file, not a folder")
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return err
	}
	visible := 0
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			visible++
		}
	}
	if visible == 0 {
		return nil
	}
	for _, m := range marks {
		if _, err := os.Stat(filepath.Join(path, m)); err != nil {
			return errors.New("is a folder that this generator did not write")
		}
	}
	if len(marks) == 0 {
		return errors.New("is a folder that is not empty")
	}
	return nil
}
