package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"resourcelib"
	"resourcelib/generator/diag"
	"resourcelib/generator/site"
)

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("build", stderr, "[-source DIR] [-out DIR] [-base-url URL] [-drafts]")
	source := fl.String("source", ".", "the site's folder, holding content/ (and optionally layouts/ and static/)")
	out := fl.String("out", "public", "the output folder; replaced only when the build succeeds")
	baseURL := fl.String("base-url", "", "the site's address, such as https://example.org/ (default: base_url in content/site.yaml)")
	drafts := fl.Bool("drafts", false, "include pages marked draft: true")
	if ok, code := parseFlags(fl, args, stderr); !ok {
		return code
	}
	return build(site.Options{BaseURL: *baseURL, Drafts: *drafts}, *source, *out, stdout, stderr)
}

// build runs one build and reports it as the build command does.
func build(opts site.Options, source, out string, stdout, stderr io.Writer) int {
	src, err := sourceFS(source)
	if err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 2
	}
	if err := checkOut(source, out); err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 2
	}
	opts.Source, opts.Theme, opts.Out = src, resourcelib.Bundle, out
	res, err := site.Build(opts)
	var le *diag.ListError
	if err != nil && !errors.As(err, &le) {
		printProblems(stderr, res.Problems)
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 1
	}
	printProblems(stderr, res.Problems)
	if err != nil {
		return 1
	}
	fmt.Fprintf(stdout, "built %d pages, %d organizations, %d files in %s into %s\n",
		res.Pages, res.Organizations, res.Files, res.Duration.Round(1e6), out)
	return 0
}

// checkOut refuses an output folder that holds the source or lies inside
// content/, layouts/ or static/: a successful build replaces the whole
// output folder, so -out . or -out content would delete the site.
func checkOut(source, out string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return nil
	}
	dst, err := filepath.Abs(out)
	if err != nil {
		return nil
	}
	if s, err := filepath.EvalSymlinks(src); err == nil {
		src = s
	}
	if d, err := filepath.EvalSymlinks(dst); err == nil {
		dst = d
	}
	bad := within(dst, src) // dst is the source or one of its parents
	for _, d := range []string{"content", "layouts", "static"} {
		bad = bad || within(filepath.Join(src, d), dst)
	}
	if bad {
		return fmt.Errorf("-out %s would replace the site's source: the output folder is replaced by each build; choose another, such as public", out)
	}
	return nil
}

// within reports whether path is dir or inside it.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func sourceFS(dir string) (fs.FS, error) {
	st, err := os.Stat(filepath.Join(dir, "content"))
	if err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s has no content/ folder: run the command in the site's folder, or pass -source DIR", dir)
	}
	return os.DirFS(dir), nil
}
