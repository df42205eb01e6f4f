package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"time"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
	"resourcelib/generator/hsds"
	"resourcelib/generator/publish"
	"resourcelib/generator/site"
)

// The two HSDS verbs. The conversion itself, and the reasons for each of
// its choices, are in package hsds.

// cmdExportHSDS writes the directory as HSDS 3 JSON into a folder, which
// it replaces whole, as build replaces public/.
func cmdExportHSDS(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("export-hsds", stderr, "[-source DIR] -out DIR")
	source := fl.String("source", ".", "the site's folder, holding content/organizations/")
	out := fl.String("out", "", "the folder to write organizations.json and organizations/ID.json into; it is replaced whole")
	if ok, code := parseFlags(fl, args, stderr); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "generator export-hsds: -out is required: the folder to write the export into, such as hsds")
		fl.Usage()
		return 2
	}
	src, err := sourceFS(*source)
	if err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 2
	}
	if err := checkOut(*source, *out, exportOut); err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 2
	}
	orgs, problems := site.LoadOrganizations(src)
	errs := printLines(stderr, problems)
	if errs > 0 {
		fmt.Fprintf(stderr, "%s: nothing was exported\n", plural(errs, "error"))
		return 1
	}
	if err := writeExport(*out, orgs); err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "exported %s as HSDS 3 into %s\n", plural(len(orgs), "organization"), *out)
	return 0
}

// publishHSDS is build's site.Options.Extra: the export goes into hsds/
// in the output, with the pages.
func publishHSDS(s *site.Site, write func(name string, data []byte) error) error {
	return hsds.Write(s.Organizations, func(name string, data []byte) error {
		return write("hsds/"+name, data)
	})
}

// writeExport writes the export into a new folder beside out and puts it
// in out's place (package publish), so that out is never half written.
func writeExport(out string, orgs []*directory.Organization) error {
	f, err := publish.New(out)
	if err != nil {
		return err
	}
	defer f.Discard()
	root, err := os.OpenRoot(f.Dir)
	if err != nil {
		return err
	}
	err = hsds.Write(orgs, func(name string, data []byte) error {
		if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
			return err
		}
		return root.WriteFile(name, data, 0o644)
	})
	root.Close()
	if err != nil {
		return fmt.Errorf("cannot write the export: %w; the previous export was left as it was", err)
	}
	if err := publish.Commit(f); err != nil {
		return fmt.Errorf("%w; the previous export was left as it was", err)
	}
	return nil
}

// cmdImportHSDS converts a folder of HSDS CSV files into organization
// files. It writes nothing unless every file can be written.
func cmdImportHSDS(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("import-hsds", stderr, "-in DIR [-out DIR] [-timezone ZONE] [-force]")
	in := fl.String("in", "", "the folder of HSDS CSV files: organizations.csv, locations.csv, services.csv, ...")
	out := fl.String("out", "content/organizations", "the folder to write one YAML file per organization into")
	tz := fl.String("timezone", "", "the IANA time zone of hours that give none, such as America/New_York (without it, such hours are left out)")
	force := fl.Bool("force", false, "replace organization files that already exist")
	if ok, code := parseFlags(fl, args, stderr); !ok {
		return code
	}
	if *in == "" {
		fmt.Fprintln(stderr, "generator import-hsds: -in is required: the folder that holds organizations.csv")
		fl.Usage()
		return 2
	}
	var zone *time.Location
	if *tz != "" {
		z, err := time.LoadLocation(*tz)
		if err != nil || *tz == "Local" || *tz == "" {
			fmt.Fprintf(stderr, "generator import-hsds: -timezone %q is not a time zone: use an IANA name such as America/New_York or America/Chicago\n", *tz)
			fl.Usage()
			return 2
		}
		zone = z
	}
	if st, err := os.Stat(*in); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "generator import-hsds: -in %s is not a folder\n", *in)
		return 1
	}
	res, err := hsds.Import(os.DirFS(*in), hsds.Options{Source: filepath.ToSlash(*in), Timezone: zone})
	if err != nil {
		var p diag.Problem
		if errors.As(err, &p) {
			fmt.Fprintln(stderr, p.Error())
		} else {
			fmt.Fprintf(stderr, "generator import-hsds: %v\n", err)
		}
		fmt.Fprintln(stderr, "nothing was imported")
		return 1
	}
	errs := printLines(stderr, res.Problems)
	warns := len(res.Problems) - errs
	for _, f := range res.Files {
		dst := filepath.Join(*out, f.Name)
		if _, err := os.Lstat(dst); err == nil && !*force {
			fmt.Fprintf(stderr, "%s: error: the file exists (for %s): pass -force to replace it, or import into another folder\n", filepath.ToSlash(dst), f.Org)
			errs++
		}
	}
	if errs > 0 {
		fmt.Fprintf(stderr, "%s, %s: nothing was imported\n", plural(errs, "error"), plural(warns, "warning"))
		return 1
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(stderr, "generator import-hsds: %v\n", err)
		return 1
	}
	for _, f := range res.Files {
		if err := os.WriteFile(filepath.Join(*out, f.Name), f.Data, 0o644); err != nil {
			fmt.Fprintf(stderr, "generator import-hsds: %v\n", err)
			return 1
		}
	}
	fmt.Fprintf(stdout, "imported %s from %s into %s, %s\n", plural(len(res.Files), "organization"), res.Format, *out, plural(warns, "warning"))
	return 0
}

// printLines prints each problem on its own line and returns the number
// of errors among them.
func printLines(w io.Writer, problems []diag.Problem) int {
	errs := 0
	for _, p := range problems {
		fmt.Fprintln(w, p.Error())
		if p.Severity == diag.Error {
			errs++
		}
	}
	return errs
}
