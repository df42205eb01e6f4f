package diag

import (
	"testing"
)

// FuzzDecodeYAML checks that no input makes the decoder panic or hang, and
// that its answer agrees with the problems it reports: false exactly when
// there is an error, and every problem placed in the file.
func FuzzDecodeYAML(f *testing.F) {
	for _, seed := range []string{
		"",
		"title: Shelters\ndraft: yes\ntags: news\ndate: 2020-01-01 9:00:00 -0500\n",
		"title: a\ntitle: b\n",
		"contact:\n  nmae: x\n  phone: [1]\n",
		"base: &b {name: A}\ncontact:\n  <<: [*b, *b]\n  name: B\n",
		"contact: &x\n  <<: *x\n",
		"title: x\n---\nweight: 2\n",
		"title: [a\n",
		"a: &a [x, x]\nb: &b [*a, *a]\ntags: *b\n",
		"? [a]\n: b\n",
		"weight: 0x1F\nscore: .inf\n",
	} {
		f.Add([]byte(seed), 0)
	}
	f.Add([]byte("title: x\nweight: heavy\n"), 5)
	f.Fuzz(func(t *testing.T, data []byte, offset int) {
		offset &= 0xffff
		for _, v := range []any{&page{}, &deep{}, &struct{ M contact }{}} {
			var l List
			ok := DecodeYAML(testFile, offset, data, v, &l)
			errs, _ := l.Count()
			if ok != (errs == 0) {
				t.Errorf("DecodeYAML returned %v with %d errors: %v", ok, errs, l.Sorted())
			}
			for _, p := range l.Sorted() {
				if p.File != testFile || p.Line <= offset || p.Msg == "" {
					t.Errorf("problem without a place in the file (offset %d): %#v", offset, p)
				}
			}
		}
	})
}

// FuzzParseTime checks that ParseTime never panics, whatever the string.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2023-05-01", "2020-01-01 9:00:00 -0500", "2023-05-01T14:30:00Z", "2023-05-01T", "           x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ParseTime(s)
	})
}
