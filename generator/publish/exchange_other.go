//go:build !linux

package publish

import "errors"

func exchangePaths(a, b string) error { return errors.ErrUnsupported }
