package site

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"resourcelib/generator/diag"
)

// reservedNames are file names Windows refuses in any folder, whatever the
// extension: a site with /con/ cannot be checked out or built there.
var reservedNames = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true}

func init() {
	for _, d := range "0123456789¹²³" {
		reservedNames["COM"+string(d)] = true
		reservedNames["LPT"+string(d)] = true
	}
}

// checkAddress checks a site address (a page's, or an alias) segment by
// segment: each becomes a folder or file of the output, which must be
// writable on every system and must not be hidden (.git, .well-known) or
// climb out (..). It returns what is wrong, or "".
func checkAddress(u string) string {
	for _, seg := range strings.Split(strings.Trim(u, "/"), "/") {
		if seg == "" {
			continue
		}
		if msg := checkSegment(seg); msg != "" {
			return msg
		}
	}
	return ""
}

func checkSegment(seg string) string {
	switch {
	case strings.ContainsRune(seg, 0):
		return "contains a NUL character"
	case seg == "." || seg == "..":
		return fmt.Sprintf("contains %q", seg)
	case strings.HasPrefix(seg, "."):
		return fmt.Sprintf("has a part %q that starts with a dot, which makes a hidden file", seg)
	case strings.IndexFunc(seg, unicode.IsControl) >= 0:
		return "contains a control character"
	case strings.ContainsAny(seg, `<>:"\|?*`):
		return fmt.Sprintf("has a part %q with one of the characters < > : \" \\ | ? *, which Windows does not allow in file names", seg)
	case strings.HasSuffix(seg, " ") || strings.HasSuffix(seg, "."):
		return fmt.Sprintf("has a part %q that ends with a space or a dot, which Windows drops", seg)
	}
	base, _, _ := strings.Cut(seg, ".")
	if reservedNames[strings.ToUpper(strings.TrimRight(base, " "))] {
		return fmt.Sprintf("has a part %q, a name Windows reserves for a device", seg)
	}
	return ""
}

// fileAddress is the address a Markdown file's path gives it, before any
// slug or url.
func fileAddress(file string) string {
	dir, name := path.Split(strings.TrimPrefix(file, "content/"))
	if name != "_index.md" && name != "index.md" {
		dir += urlize(strings.TrimSuffix(name, ".md")) + "/"
	}
	return norm.NFC.String("/" + dir)
}

// slugWarning is for slugs that build but probably do not do what the
// editor meant: a leading / does not make the address absolute.
func slugWarning(slug string) (msg, hint string) {
	if strings.HasPrefix(slug, "/") {
		return fmt.Sprintf("`slug` %q starts with /, but a slug is always inside the page's folder", slug),
			"remove the leading /, or set the whole address with `url`"
	}
	return "", ""
}

// symlinkProblem describes a symbolic link in content/. None is followed:
// one that points outside the content folder is an error, since following
// it could publish any file of the machine; one inside is a warning.
func symlinkProblem(src fs.FS, name string) diag.Problem {
	target := ""
	if rl, ok := src.(fs.ReadLinkFS); ok {
		if t, err := rl.ReadLink(name); err == nil {
			target = t
		}
	}
	leaves := target == "" // unreadable: assume the worst
	if target != "" {
		if strings.HasPrefix(target, "/") || strings.Contains(target, `\`) || (len(target) > 1 && target[1] == ':') {
			leaves = true
		} else {
			resolved := path.Join(path.Dir(name), target)
			leaves = resolved != "content" && !strings.HasPrefix(resolved, "content/")
		}
	}
	if leaves {
		msg := "this symbolic link points outside the content folder"
		if target != "" {
			msg += fmt.Sprintf(" (to %s)", target)
		}
		return diag.Problem{File: name, Msg: msg + "; it is not followed",
			Hint: "copy the file into the content folder and delete the link"}
	}
	return diag.Problem{File: name, Severity: diag.Warning, Msg: "symbolic links are not followed",
		Hint: "copy the file into the content folder instead"}
}
