package search

import (
	"bytes"
	"compress/flate"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestFunctionSizeSampled checks the estimate of an index too large to
// compress whole against compressing it whole: 12 MB in two files of
// words drawn at random from a vocabulary, with runs of zeros between.
func TestFunctionSizeSampled(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	vocab := make([][]byte, 5000)
	for i := range vocab {
		w := make([]byte, 3+r.IntN(8))
		for j := range w {
			w[j] = byte('a' + r.IntN(26))
		}
		vocab[i] = w
	}
	var all bytes.Buffer
	for i, size := range []int{5 << 20, 7 << 20} {
		var b bytes.Buffer
		for b.Len() < size {
			if r.IntN(200) == 0 {
				b.Write(make([]byte, r.IntN(4096)))
			}
			b.Write(vocab[r.IntN(len(vocab))])
			b.WriteByte(' ')
		}
		if err := os.WriteFile(filepath.Join(dir, string(rune('a'+i))), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		all.Write(b.Bytes())
	}
	if all.Len() <= 2*sampleSpan {
		t.Fatalf("%d bytes: not enough to be sampled", all.Len())
	}
	var whole countWriter
	zw, _ := flate.NewWriter(&whole, flate.DefaultCompression)
	zw.Write(all.Bytes())
	zw.Close()
	size, err := FunctionSize(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, want := float64(size-functionProgramZipped), float64(whole)
	if got < want*0.97 || got > want*1.05 {
		t.Errorf("estimated %.0f bytes zipped, compressed whole %.0f: want within -3%%..+5%%", got, want)
	}
	t.Logf("estimated %.0f bytes zipped, compressed whole %.0f (%+.1f%%)", got, want, (got/want-1)*100)
}
