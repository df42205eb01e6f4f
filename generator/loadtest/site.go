package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"unicode"

	"resourcelib/generator/internal/synthetic"
)

// prepare returns the folder holding the synthetic site (site/) and its
// search index (index/) for n materials, building them if the cache has
// none made by the generator's code as it is now.
func prepare(repo string, n int, log io.Writer) (string, error) {
	sum, err := codeSum(repo)
	if err != nil {
		return "", err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	parent := filepath.Join(cache, "resourcelib-loadtest")
	prefix := fmt.Sprintf("n%d-", n)
	dir := filepath.Join(parent, prefix+sum[:12])
	if _, err := os.Stat(filepath.Join(dir, "done")); err == nil {
		fmt.Fprintf(log, "loadtest: using the site and index built before in %s\n", dir)
		return dir, nil
	}
	// Older builds for this n are of older code: only one is kept.
	old, _ := filepath.Glob(filepath.Join(parent, prefix+"*"))
	for _, o := range old {
		os.RemoveAll(o)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	fmt.Fprintf(log, "loadtest: writing the synthetic site (%d materials, %d organizations) and building it into %s\n", n, n/10, dir)
	if err := synthetic.Write(filepath.Join(dir, "site"), synthetic.Options{Materials: n, Organizations: n / 10}); err != nil {
		return "", err
	}
	gen := filepath.Join(dir, "generator")
	build := exec.Command("go", "build", "-o", gen, "./generator")
	build.Dir = repo
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./generator: %v\n%s", err, out)
	}
	cmd := exec.Command(gen, "build", "-source", filepath.Join(dir, "site"),
		"-out", filepath.Join(dir, "public"), "-index", filepath.Join(dir, "index"))
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("generator build of the synthetic site: %v", err)
	}
	// The pages are not needed, only the index and the site's text.
	os.RemoveAll(filepath.Join(dir, "public"))
	os.Remove(gen)
	return dir, os.WriteFile(filepath.Join(dir, "done"), nil, 0o644)
}

// codeSum is a digest of what the generator builds the index with: its
// code, layouts and module files (not this command's).
func codeSum(repo string) (string, error) {
	h := sha256.New()
	for _, p := range []string{"generator", "layouts", "static", "bundle.go", "go.mod", "go.sum"} {
		err := filepath.WalkDir(filepath.Join(repo, p), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "loadtest" || d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s %d\n", path, len(data))
			h.Write(data)
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// phrases reads the titles and headings of the synthetic site's
// materials and the names of its organizations, as lists of words.
func phrases(site string) ([][]string, error) {
	var out [][]string
	for _, pat := range []string{"content/materials/*.md", "content/organizations/*.yaml"} {
		files, err := filepath.Glob(filepath.Join(site, pat))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			file, err := os.Open(f)
			if err != nil {
				return nil, err
			}
			sc := bufio.NewScanner(file)
			for sc.Scan() {
				line := sc.Text()
				var text string
				switch {
				case strings.HasPrefix(line, "title: "):
					text = line[len("title: "):]
				case strings.HasPrefix(line, "name: "):
					text = line[len("name: "):]
				case strings.HasPrefix(line, "## "):
					text, _, _ = strings.Cut(line[3:], "{")
				default:
					continue
				}
				if ws := words(text); len(ws) > 0 {
					out = append(out, ws)
				}
			}
			file.Close()
			if err := sc.Err(); err != nil {
				return nil, fmt.Errorf("%s: %v", f, err)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no titles found", site)
	}
	return out, nil
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// queries makes up to want distinct searches of one to three consecutive
// words of a phrase; every fifth is misspelt (two letters swapped). The
// same phrases and seed give the same queries.
func queries(ps [][]string, want int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	seen := map[string]bool{}
	var qs []string
	for tries := 0; len(qs) < want && tries < 50*want; tries++ {
		p := ps[r.IntN(len(ps))]
		k := 1 + r.IntN(min(3, len(p)))
		i := r.IntN(len(p) - k + 1)
		q := strings.Join(p[i:i+k], " ")
		if len(qs)%5 == 4 {
			var ok bool
			if q, ok = misspell(q, r); !ok {
				continue
			}
		}
		if !seen[q] {
			seen[q] = true
			qs = append(qs, q)
		}
	}
	return qs
}

// misspell swaps two neighbouring letters of the query's longest word, or
// doubles a letter of a word too short for that. Numbers are left as
// they are: a query of numbers alone is not misspelt (false).
func misspell(q string, r *rand.Rand) (string, bool) {
	ws := strings.Fields(q)
	longest := -1
	for i, w := range ws {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 && (longest < 0 || len(w) > len(ws[longest])) {
			longest = i
		}
	}
	if longest < 0 {
		return q, false
	}
	w := []byte(ws[longest])
	if len(w) >= 4 {
		i := 1 + r.IntN(len(w)-2)
		w[i], w[i+1] = w[i+1], w[i]
		if string(w) == ws[longest] { // two equal letters: drop one instead
			w = append(w[:i], w[i+1:]...)
		}
	} else {
		i := r.IntN(len(w))
		w = append(w[:i+1], w[i:]...)
	}
	ws[longest] = string(w)
	return strings.Join(ws, " "), true
}
