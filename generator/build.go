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
	"resourcelib/generator/publish"
	"resourcelib/generator/search"
	"resourcelib/generator/site"
)

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("build", stderr, "[-source DIR] [-out DIR] [-index DIR] [-base-url URL] [-drafts] [-future] [-expired] [-strict-links]")
	source := fl.String("source", ".", "the site's folder, holding content/ (and optionally layouts/ and static/)")
	out := fl.String("out", "public", "the output folder; replaced only when the build succeeds")
	baseURL := fl.String("base-url", "", "the site's address, such as https://example.org/ (default: base_url in content/site.yaml)")
	drafts := fl.Bool("drafts", false, "include pages marked draft: true")
	future := fl.Bool("future", false, "include pages whose publishdate or date is still to come")
	expired := fl.Bool("expired", false, "include pages whose expirydate has passed")
	index := fl.String("index", "", "the search index folder (default: the output folder's name + .search, beside it); \"none\" builds no index")
	// A broken link is a warning in build, so that it never keeps a fix
	// from going live; check (run before a merge) makes it an error.
	strictLinks := fl.Bool("strict-links", false, "stop the build on a broken link or #anchor, as check does (by default they are warnings)")
	if ok, code := parseFlags(fl, args, stderr); !ok {
		return code
	}
	// Netlify names the repository it builds (REPOSITORY_URL), so the
	// content manager can save there without site.yaml saying so; a
	// repository in site.yaml wins.
	repo := site.RepositoryFromURL(os.Getenv("REPOSITORY_URL"))
	return build(site.Options{BaseURL: *baseURL, Drafts: *drafts, Future: *future, Expired: *expired, WarnLinks: !*strictLinks, DefaultRepository: repo}, *source, *out, *index, stdout, stderr)
}

// indexDir is where the search index of an output folder goes by default:
// beside it, not inside it, because the index is not a public download.
func indexDir(out, flag string) string {
	if flag != "" {
		return flag
	}
	return filepath.Clean(out) + ".search"
}

// build runs one build and reports it as the build command does.
func build(opts site.Options, source, out, index string, stdout, stderr io.Writer) int {
	src, err := sourceFS(source)
	if err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 2
	}
	if err := checkOut(source, out, siteOut); err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 2
	}
	opts.Source, opts.Theme, opts.Out = src, resourcelib.Bundle, out
	opts.Extra = publishHSDS // the HSDS export, in hsds/
	var ix *search.Indexer
	if index != "none" {
		index = indexDir(out, index)
		if err := checkOut(source, index, indexOut); err != nil {
			fmt.Fprintf(stderr, "generator: %v\n", err)
			return 2
		}
		if ix, err = search.NewIndexer(index); err != nil {
			fmt.Fprintf(stderr, "generator: cannot start the search index: %v\n", err)
			return 1
		}
		opts.Index = ix
	}
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
	fmt.Fprintf(stdout, "built %s, %s, %s in %s into %s",
		plural(res.Pages, "page"), plural(res.Organizations, "organization"), plural(res.Files, "file"),
		res.Duration.Round(1e6), out)
	if ix != nil {
		fmt.Fprintf(stdout, "; %d searchable in %s", ix.Count(), index)
	}
	fmt.Fprintln(stdout)
	if ix != nil {
		if size, err := search.FunctionSize(index); err == nil {
			fmt.Fprintf(stdout, "search function: about %.1f MB zipped with this index\n", float64(size)/(1<<20))
			if size > search.FunctionLimit {
				fmt.Fprintf(stderr, "generator: warning: the search function would be about %.0f MB zipped, near Netlify's 50 MB limit for a function: see the README's Search section\n", float64(size)/(1<<20))
			}
		}
	}
	return 0
}

// outKind is a kind of folder that a command replaces whole: the flag
// that names it, and what only such a folder holds at its top.
type outKind struct {
	flag, what, example string
	marks               []string
}

var (
	siteOut   = outKind{"-out", "the output folder", "public", []string{"404.html", "sitemap.xml"}}
	indexOut  = outKind{"-index", "the search index folder", "public.search", []string{"index.bleve"}}
	exportOut = outKind{"-out", "the export folder", "hsds", []string{"organizations.json"}}
)

// checkOut refuses a folder to replace that would delete something by
// mistake: the source, a folder of it (-out . or -out content), a file
// (-out README.md), or a folder that this generator did not write. A
// missing or empty folder, one with only hidden files, or an earlier
// output of the same kind may be replaced (see publish.Replaceable).
func checkOut(source, out string, k outKind) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return fmt.Errorf("cannot tell where the source %s is: %w", source, err)
	}
	dst, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("cannot tell where %s %s is: %w", k.flag, out, err)
	}
	src, dst = resolve(src), resolve(dst)
	bad := within(dst, src) // dst is the source or one of its parents
	for _, d := range []string{"content", "layouts", "static"} {
		bad = bad || within(filepath.Join(src, d), dst)
	}
	if bad {
		return fmt.Errorf("%s %s would replace the site's source: %s is replaced whole by each build; choose another, such as %s", k.flag, out, k.what, k.example)
	}
	if err := publish.Replaceable(dst, k.marks...); err != nil {
		return fmt.Errorf("%s %s %v: %s is replaced whole by each build, so it would be deleted; remove it yourself or choose another, such as %s", k.flag, out, err, k.what, k.example)
	}
	return nil
}

// resolve follows the symbolic links of an absolute path's longest existing
// part: -out may not exist yet.
func resolve(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p
	}
	return filepath.Join(resolve(parent), filepath.Base(p))
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
