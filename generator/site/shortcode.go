package site

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"resourcelib/generator/diag"
)

// Hugo shortcodes ({{< name args >}} and {{% name args %}}) are rewritten
// before a page's Markdown is parsed, so that a site moved from Hugo never
// shows one as text, on the page or in search:
//
//	ref, relref   the address of the page named, as Hugo finds it; a link
//	              to a page that is missing is a broken link like any other
//	figure        an image with its caption (<figure>)
//	highlight     a code block, when its tags stand on lines of their own
//	{{</* x */>}} the text {{< x >}} (Hugo's way of showing one)
//	any other     a warning naming it; the tags are left out and the text
//	              between an opening and a closing tag is kept
//
// The rewritten body keeps the file's line numbers, and edits maps an
// offset in it back to the file, so that problems are reported where the
// editor wrote them.

// figure is a figure shortcode's caption, for the image the rewrite put at
// an offset of the rewritten body.
type figure struct{ caption string }

// edit is one replaced shortcode: old[oldStart:oldEnd] became
// new[newStart:newEnd].
type edit struct{ oldStart, oldEnd, newStart, newEnd int }

// shortcodeResult is what the rewrite gives the Markdown renderer.
type shortcodeResult struct {
	figures map[int]figure // by the offset of the image's `!`
	edits   []edit
}

// original maps an offset of the rewritten body to the file's body.
func (r shortcodeResult) original(off int) int {
	i := sort.Search(len(r.edits), func(i int) bool { return r.edits[i].newStart > off }) - 1
	if i < 0 || off < 0 {
		return off
	}
	e := r.edits[i]
	if off < e.newEnd {
		return e.oldStart
	}
	return e.oldEnd + off - e.newEnd
}

// expandShortcodes rewrites the shortcodes of page p's body. Problems go to
// l; a ref to a missing page is left for the link check.
func (s *Site) expandShortcodes(p *Page, body []byte, l *diag.List) ([]byte, shortcodeResult) {
	var res shortcodeResult
	if !bytes.Contains(body, []byte("{{<")) && !bytes.Contains(body, []byte("{{%")) {
		return body, res
	}
	out := make([]byte, 0, len(body))
	i := 0
	warned := map[string]bool{}
	for {
		j := indexShortcode(body[i:])
		if j < 0 {
			out = append(out, body[i:]...)
			break
		}
		start := i + j
		out = append(out, body[i:start]...)
		closer := ">}}"
		if body[start+2] == '%' {
			closer = "%}}"
		}
		k := bytes.Index(body[start+3:], []byte(closer))
		if k < 0 {
			// Not a shortcode after all: keep the text.
			out = append(out, body[start:start+3]...)
			i = start + 3
			continue
		}
		end := start + 3 + k + 3
		inner := string(body[start+3 : end-3])
		line, col := offsetPos(body, start)
		repl := s.shortcode(p, inner, body, start, end, &res, len(out), line, col, warned, l)
		// Keep the file's lines: a shortcode written over several lines
		// leaves as many line breaks.
		if n := bytes.Count(body[start:end], []byte("\n")) - strings.Count(repl, "\n"); n > 0 {
			repl += strings.Repeat("\n", n)
		}
		res.edits = append(res.edits, edit{oldStart: start, oldEnd: end, newStart: len(out), newEnd: len(out) + len(repl)})
		out = append(out, repl...)
		i = end
	}
	return out, res
}

// indexShortcode finds the next `{{<` or `{{%`.
func indexShortcode(b []byte) int {
	a, c := bytes.Index(b, []byte("{{<")), bytes.Index(b, []byte("{{%"))
	switch {
	case a < 0:
		return c
	case c < 0:
		return a
	}
	return min(a, c)
}

// shortcode returns the text that replaces one shortcode. outAt is where
// that text starts in the rewritten body.
func (s *Site) shortcode(p *Page, inner string, body []byte, start, end int, res *shortcodeResult, outAt, line, col int, warned map[string]bool, l *diag.List) string {
	trimmed := strings.TrimSpace(inner)
	if strings.HasPrefix(trimmed, "/*") && strings.HasSuffix(trimmed, "*/") {
		// {{</* x */>}}: Hugo shows {{< x >}}.
		open, close := string(body[start:start+3]), string(body[end-3:end])
		return open + " " + strings.TrimSpace(trimmed[2:len(trimmed)-2]) + " " + close
	}
	closing := strings.HasPrefix(trimmed, "/")
	name, args := parseShortcode(strings.TrimPrefix(trimmed, "/"))
	ownLine := onOwnLine(body, start, end)
	warn := func(msg, hint string) {
		l.Add(diag.Problem{File: p.File, Line: line, Col: col, Severity: diag.Warning, Msg: msg, Hint: hint})
	}
	switch name {
	case "ref", "relref":
		if closing {
			return ""
		}
		target := args.get("path", 0)
		if target == "" {
			warn(fmt.Sprintf("shortcode `%s` names no page, so it is left out", name),
				"write it as {{< ref \"other-page.md\" >}}, or as a Markdown link to the page's address")
			return ""
		}
		if u, ok := s.refURL(p, target); ok {
			return u
		}
		// Left as written: the link check reports it as a broken link,
		// at its place, like any other.
		return strings.ReplaceAll(target, " ", "%20")
	case "figure":
		if closing {
			return ""
		}
		src := args.get("src", -1)
		caption := strings.TrimSpace(args.get("caption", -1) + " " + args.get("attr", -1))
		if title := args.get("title", -1); title != "" {
			caption = strings.TrimSpace(title + ". " + caption)
		}
		alt := args.get("alt", -1)
		if alt == "" {
			alt = caption
		}
		if src == "" {
			warn("shortcode `figure` has no src, so it is left out", "add src=\"image.png\" with the image's path in the page bundle or static/")
			return caption
		}
		if isExternal(src) {
			warn(fmt.Sprintf("figure image %s is on another host, and the site loads nothing from other hosts: only its caption is shown", src),
				"save the image beside the page (in its bundle folder) or in static/, and give its path as src")
			return caption
		}
		res.figures = mapSet(res.figures, outAt, figure{caption: caption})
		return "![" + escapeAlt(alt) + "](" + escapeDest(src) + ")"
	case "highlight":
		if ownLine {
			if closing {
				return "```"
			}
			lang := args.get("", 0)
			return "```" + strings.Map(func(r rune) rune {
				if r == '`' || r == ' ' {
					return -1
				}
				return r
			}, lang)
		}
		return ""
	}
	if closing {
		return ""
	}
	if !warned[name] {
		// Once per name and page: a page of 40 images gets one warning.
		warned[name] = true
		warn(fmt.Sprintf("shortcode `%s` is not supported, so it is left out (text between its tags is kept)", name),
			"replace it with Markdown: a link, an image, or a heading; only ref, relref, figure and highlight are understood")
	}
	return ""
}

func mapSet(m map[int]figure, k int, v figure) map[int]figure {
	if m == nil {
		m = map[int]figure{}
	}
	m[k] = v
	return m
}

// onOwnLine reports whether body[start:end] is alone on its line(s).
func onOwnLine(body []byte, start, end int) bool {
	ls := bytes.LastIndexByte(body[:start], '\n') + 1
	le := bytes.IndexByte(body[end:], '\n')
	if le < 0 {
		le = len(body) - end
	}
	return len(bytes.TrimSpace(body[ls:start])) == 0 && len(bytes.TrimSpace(body[end:end+le])) == 0
}

func escapeAlt(s string) string {
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`, "\n", " ").Replace(s)
}

func escapeDest(s string) string {
	if strings.ContainsAny(s, " ()<>\n") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E", "\n", "").Replace(s) + ">"
	}
	return s
}

// shortcodeArgs are a shortcode's arguments: positional ones in order, and
// named ones (key="value").
type shortcodeArgs struct {
	pos   []string
	named map[string]string
}

// get returns the named argument key, or else the positional one at i (if
// i >= 0).
func (a shortcodeArgs) get(key string, i int) string {
	if v, ok := a.named[key]; ok && key != "" {
		return v
	}
	if i >= 0 && i < len(a.pos) {
		return a.pos[i]
	}
	return ""
}

// parseShortcode splits `name "a" key="b" c` into its name and arguments.
func parseShortcode(s string) (string, shortcodeArgs) {
	args := shortcodeArgs{named: map[string]string{}}
	var words []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		var w string
		w, s = nextWord(s)
		words = append(words, w)
	}
	if len(words) == 0 {
		return "", args
	}
	name := words[0]
	for _, w := range words[1:] {
		if k, v, ok := strings.Cut(w, "\x00"); ok {
			args.named[k] = v
			continue
		}
		args.pos = append(args.pos, w)
	}
	return name, args
}

// nextWord reads one argument: "quoted", `raw`, key="value" (returned as
// key NUL value) or a bare word.
func nextWord(s string) (word, rest string) {
	key := ""
	if i := strings.IndexAny(s, "= \t\n\"`"); i > 0 && s[i] == '=' {
		key, s = s[:i], s[i+1:]
	}
	var v string
	switch {
	case s == "":
	case s[0] == '"':
		var b strings.Builder
		i := 1
		for ; i < len(s) && s[i] != '"'; i++ {
			if s[i] == '\\' && i+1 < len(s) {
				i++
			}
			b.WriteByte(s[i])
		}
		v, s = b.String(), s[min(i+1, len(s)):]
	case s[0] == '`':
		j := strings.IndexByte(s[1:], '`')
		if j < 0 {
			j = len(s) - 1
		}
		v, s = s[1:1+j], s[min(j+2, len(s)):]
	default:
		j := strings.IndexAny(s, " \t\n")
		if j < 0 {
			j = len(s)
		}
		v, s = s[:j], s[j:]
	}
	if key != "" {
		return key + "\x00" + v, s
	}
	return v, s
}

// refURL finds the page a ref or relref shortcode names, as Hugo does: a
// path from content/ when it starts with /, else relative to the page's
// folder, else any page whose file has that name (when only one does).
func (s *Site) refURL(p *Page, target string) (string, bool) {
	target, frag, _ := strings.Cut(target, "#")
	if frag != "" {
		frag = "#" + frag
	}
	if target == "" {
		return frag, frag != ""
	}
	var dirs []string
	if strings.HasPrefix(target, "/") {
		dirs = []string{"content"}
	} else {
		base := path.Dir(p.File)
		if p.isBundle {
			base = p.bundle
		}
		dirs = []string{base, "content"}
	}
	for _, dir := range dirs {
		file := path.Join(dir, target)
		for _, f := range []string{file, file + ".md", path.Join(file, "_index.md"), path.Join(file, "index.md")} {
			if q := s.pageOf(f); q != nil {
				return q.URL + frag, true
			}
		}
	}
	if !strings.Contains(strings.Trim(target, "/"), "/") {
		name := strings.TrimSuffix(path.Base(target), ".md")
		if qs := s.pagesByName()[name]; len(qs) == 1 {
			return qs[0].URL + frag, true
		}
	}
	return "", false
}

// pageOf returns the page of a file: built, or left out (a draft, expired,
// or still to come), whose address the link check then reports as such.
func (s *Site) pageOf(file string) *Page {
	if q := s.byFile[file]; q != nil {
		return q
	}
	return s.hidden[file]
}

// pagesByName indexes the pages by their file's name without .md (a
// bundle's by its folder's), for refs that give only a name. Pages left
// out are indexed too, for the same reason as in pageOf.
func (s *Site) pagesByName() map[string][]*Page {
	if s.byName == nil { // a Site made by hand in a test
		return s.indexByName()
	}
	s.byName.once.Do(func() { s.byName.m = s.indexByName() })
	return s.byName.m
}

// pageNames is the index pagesByName makes once, on first use.
type pageNames struct {
	once sync.Once
	m    map[string][]*Page
}

func (s *Site) indexByName() map[string][]*Page {
	byName := map[string][]*Page{}
	for _, files := range []map[string]*Page{s.byFile, s.hidden} {
		for f, q := range files {
			name := strings.TrimSuffix(path.Base(f), ".md")
			if name == "index" || name == "_index" {
				name = path.Base(path.Dir(f))
			}
			byName[name] = append(byName[name], q)
		}
	}
	return byName
}
