// Command generator builds and serves a resource-library site.
//
// Usage:
//
//	go run ./generator check [-source DIR] [-drafts] [-future] [-expired]
//	go run ./generator build [-source DIR] [-out DIR] [-base-url URL] [-drafts] [-future] [-expired]
//	go run ./generator serve [-source DIR] [-out DIR] [-addr HOST:PORT] [-drafts] [-future] [-expired]
//	go run ./generator export-hsds [-source DIR] -out DIR
//	go run ./generator import-hsds -in DIR [-out DIR] [-timezone ZONE] [-force]
//	go run ./generator new [-source DIR] material|organization TITLE
//	go run ./generator version
//
// check runs every check of build, rendering every page, and writes
// nothing: it prints each problem and a summary line, and exits 1 if any
// is an error.
//
// build writes the site into -out (public/ by default) and prints one summary
// line. It exits 0 on success, 1 when the content has errors (each printed as
// path:line:col: error: message), and 2 on a usage error.
//
// serve builds the site (into a temporary folder unless -out is given) and
// serves it on http://localhost:1313 with the headers and redirects Netlify
// would send. It rebuilds the site when a file of content/, layouts/ or
// static/ changes and reloads open pages; a mistake is shown over the page
// and in the terminal until it is fixed.
//
// new writes content/materials/SLUG.md or content/organizations/SLUG.yaml
// from a template that explains every field, and prints its path; it never
// overwrites a file.
//
// See the package resourcelib/generator/site for the content model.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	_ "time/tzdata" // the binary must not depend on the host's zone files

	"resourcelib/generator/diag"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usageText = `usage: generator <command> [flags]

commands:
  check     check the site for problems without writing anything
  build     build the site into public/
  serve     build the site and serve it on http://localhost:1313
  new       write a new material or organization file to fill in
  export-hsds  write the directory as Open Referral HSDS 3 JSON
  import-hsds  convert HSDS CSV files into organization files
  version   print the generator's version

Run 'generator <command> -h' for a command's flags.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return 2
	}
	switch args[0] {
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "export-hsds":
		return cmdExportHSDS(args[1:], stdout, stderr)
	case "import-hsds":
		return cmdImportHSDS(args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, version())
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usageText)
		return 0
	}
	fmt.Fprintf(stderr, "generator: unknown command %q\n\n%s", args[0], usageText)
	return 2
}

func newFlagSet(name string, stderr io.Writer, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: generator %s %s\n\nflags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses a verb's flags; it returns false after printing the
// usage when they are wrong. Extra arguments are an error too.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) (ok bool, code int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return false, 0
		}
		return false, 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "generator %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return false, 2
	}
	return true, 0
}

// printProblems prints each problem on its own line, then a summary.
func printProblems(w io.Writer, problems []diag.Problem) {
	errs, warns := 0, 0
	for _, p := range problems {
		fmt.Fprintln(w, p.Error())
		if p.Severity == diag.Warning {
			warns++
		} else {
			errs++
		}
	}
	if errs > 0 {
		fmt.Fprintf(w, "%s, %s: the build stopped and the previous output was left as it was\n",
			plural(errs, "error"), plural(warns, "warning"))
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func version() string {
	v := "generator (devel)"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = "generator " + info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v += " " + s.Value[:min(12, len(s.Value))]
		case "vcs.modified":
			if s.Value == "true" {
				v += "+dirty"
			}
		}
	}
	return v + " " + info.GoVersion
}
