package synthetic

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"strings"
	"sync"
)

// sources is this package's own code, which decides every byte Write
// writes.
//
//go:embed *.go
var sources embed.FS

// Version names what Write writes: the first hex digits of a hash of this
// package's source files (tests left out). A benchmark that keeps a written
// site between runs names its folder after Options and Version, so that a
// site written by older code is never measured as the new one.
var Version = sync.OnceValue(func() string {
	h := sha256.New()
	names, _ := fs.Glob(sources, "*.go") // sorted
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, _ := sources.ReadFile(name)
		h.Write([]byte(name + "\x00"))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
})
