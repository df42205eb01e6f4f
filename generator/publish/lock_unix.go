//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// errGone is lockDir's answer when the folder was removed (by another
// build's cleanStale) before the lock was taken.
var errGone = errors.New("the folder was removed before it was locked")

// lockDir takes the lock on a folder, waiting for a cleanStale that holds
// it, and checks that the folder is still there.
func lockDir(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	a, err1 := f.Stat()
	b, err2 := os.Lstat(dir)
	if err1 != nil || err2 != nil || !os.SameFile(a, b) {
		f.Close()
		return nil, errGone
	}
	return f, nil
}

// tryLockDir takes the lock on a folder if nobody holds it.
func tryLockDir(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// lockFile takes the lock on an open file (a commit record being written).
func lockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }

// folderID names a folder wherever it is moved to (device and inode), so
// that recovery can tell the previous output from the new one whatever
// their names at the moment of a kill.
func folderID(path string) string {
	st, err := os.Lstat(path)
	if err != nil {
		return ""
	}
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d:%d", s.Dev, s.Ino)
}
