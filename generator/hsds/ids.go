package hsds

import (
	"crypto/sha1"
	"fmt"
)

// namespace is the UUID namespace of every id this package makes. It was
// drawn at random once; changing it would change every exported id.
var namespace = [16]byte{0xd8, 0x91, 0x97, 0x9a, 0xdd, 0x9b, 0x42, 0x6a, 0xa8, 0x7c, 0xb7, 0x5b, 0xbd, 0x7f, 0xef, 0x6a}

// id is the UUID (version 5, RFC 9562) of a record named by a path such as
// "nhtrc/services/3/schedules/0": the same path always gives the same id.
func id(path string) string {
	h := sha1.New()
	h.Write(namespace[:])
	h.Write([]byte(path))
	s := h.Sum(nil)
	s[6] = s[6]&0x0f | 0x50 // version 5
	s[8] = s[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", s[0:4], s[4:6], s[6:8], s[8:10], s[10:16])
}
