package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"resourcelib"
	"resourcelib/generator/diag"
	"resourcelib/generator/site"
)

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("check", stderr, "[-source DIR] [-drafts] [-future] [-expired] [-warn-links]")
	source := fl.String("source", ".", "the site's folder, holding content/ (and optionally layouts/ and static/)")
	drafts := fl.Bool("drafts", false, "check pages marked draft: true as if they were published")
	future := fl.Bool("future", false, "include pages whose publishdate or date is still to come")
	expired := fl.Bool("expired", false, "include pages whose expirydate has passed")
	warnLinks := fl.Bool("warn-links", false, "report broken links as warnings, not errors (while moving a site over)")
	if ok, code := parseFlags(fl, args, stderr); !ok {
		return code
	}
	src, err := sourceFS(*source)
	if err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 2
	}
	repo := site.RepositoryFromURL(os.Getenv("REPOSITORY_URL")) // as build does
	res, err := site.Check(site.Options{Source: src, Theme: resourcelib.Bundle, Drafts: *drafts, Future: *future, Expired: *expired, WarnLinks: *warnLinks, DefaultRepository: repo})
	var le *diag.ListError
	if err != nil && !errors.As(err, &le) {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 1
	}
	errs, warns := 0, 0
	for _, p := range res.Problems {
		fmt.Fprintln(stdout, p.Error())
		if p.Severity == diag.Warning {
			warns++
		} else {
			errs++
		}
	}
	if res.Repository == "" {
		// Only check says so: a local build without a repository is
		// normal, a site deployed so is an admin nobody can sign in to.
		p := diag.Problem{File: "content/site.yaml", Severity: diag.Warning,
			Msg:  "the content manager (/admin/) has no repository to save to, so editors cannot sign in",
			Hint: "set repository: OWNER/NAME in content/site.yaml; on Netlify the build takes it from REPOSITORY_URL"}
		fmt.Fprintln(stdout, p.Error())
		warns++
	}
	fmt.Fprintf(stdout, "%s, %s in %s\n", plural(errs, "error"), plural(warns, "warning"), plural(res.SourceFiles, "file"))
	if errs > 0 {
		return 1
	}
	return 0
}
