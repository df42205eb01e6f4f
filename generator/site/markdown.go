package site

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// rendered is what Markdown rendering gives a page.
type rendered struct {
	html      []byte
	toc       []Heading
	summary   string // start of the first paragraphs, plain text
	text      string // the whole body as plain text, for search
	wordCount int
	ids       []string // every heading id, for checking #anchors
	links     []mdLink // every link and image, as written, for checking
}

// mdLink is a link or image destination as the editor wrote it, and where.
type mdLink struct {
	dest  string
	off   int // byte offset of its `[` or `![` in the body; -1 if unknown
	image bool
}

// newMarkdown returns a goldmark converter set up as the package doc
// describes. Each render worker has its own.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			// GitHub's tables, strikethrough, autolinks and task lists.
			// A column's alignment is an align attribute, not a style
			// attribute: the site sends no inline style (its CSP would
			// refuse it).
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough, extension.Linkify, extension.TaskList,
			extension.Footnote,
			extension.Typographer,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithHeadingAttribute(), // ## Title {#custom-id}
		),
		goldmark.WithRendererOptions(
			// Raw HTML stays off: ghtml.WithUnsafe is not set, so
			// <script> in Markdown becomes a comment.
			renderer.WithNodeRenderers(util.Prioritized(&headingRenderer{}, 100), util.Prioritized(figureRenderer{}, 100)),
		),
	)
}

// linkResolver maps a Markdown link destination to the page it names: links
// to other Markdown files (../guides/intro.md#steps) become page addresses.
type linkResolver func(dest string) (string, bool)

// renderMarkdown converts a page body to HTML and collects its headings and
// text. resolve rewrites links to .md files; it may be nil. figures names
// the images that figure shortcodes became, by offset (see
// expandShortcodes); it may be nil.
func renderMarkdown(md goldmark.Markdown, body []byte, resolve linkResolver, figures map[int]figure) (rendered, error) {
	var r rendered
	doc := md.Parser().Parse(text.NewReader(body))
	var figs []*ast.Image
	// The text and the HTML are about as long as the Markdown and somewhat
	// longer: grown from empty, the buffers were a tenth of a build's
	// allocations.
	var textBuf bytes.Buffer
	textBuf.Grow(len(body))
	var summary strings.Builder
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Kind() == ast.KindParagraph || n.Kind() == ast.KindHeading || n.Kind() == ast.KindListItem {
				textBuf.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			idStr := headingID(n)
			if idStr != "" {
				r.ids = append(r.ids, idStr)
			}
			if n.Level >= 2 && n.Level <= 3 && idStr != "" {
				r.toc = append(r.toc, Heading{Level: n.Level, ID: idStr, Text: plainText(n, body)})
			}
		case *ast.Paragraph:
			if summary.Len() < 300 {
				if _, inList := n.Parent().(*ast.ListItem); !inList || summary.Len() == 0 {
					if summary.Len() > 0 {
						summary.WriteByte(' ')
					}
					summary.WriteString(plainText(n, body))
				}
			}
		case *ast.Text:
			// Text is raw source: "&lt;" and "&amp;" are still entities.
			textBuf.WriteString(html.UnescapeString(string(n.Segment.Value(body))))
			if n.SoftLineBreak() || n.HardLineBreak() {
				textBuf.WriteByte(' ')
			}
		case *ast.String:
			textBuf.WriteString(html.UnescapeString(string(n.Value)))
		case *ast.CodeSpan:
			textBuf.WriteString(plainText(n, body))
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				textBuf.Write(seg.Value(body))
			}
		case *ast.Link:
			r.links = append(r.links, mdLink{dest: string(n.Destination), off: n.Pos()})
			rewriteLink(n, resolve)
		case *ast.AutoLink:
			if isExternal(string(n.URL(body))) {
				n.SetAttributeString("rel", []byte("noreferrer"))
			}
		case *ast.Image:
			r.links = append(r.links, mdLink{dest: string(n.Destination), off: n.Pos(), image: true})
			if _, ok := figures[n.Pos()]; ok {
				figs = append(figs, n)
			}
			n.SetAttributeString("loading", []byte("lazy"))
			n.SetAttributeString("decoding", []byte("async"))
			if resolve != nil {
				if u, ok := resolve(string(n.Destination)); ok {
					n.Destination = []byte(u)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return r, err
	}
	for _, img := range figs {
		makeFigure(img, figures[img.Pos()].caption, &textBuf)
	}
	var out bytes.Buffer
	out.Grow(len(body) + len(body)/2)
	if err := md.Renderer().Render(&out, body, doc); err != nil {
		return r, err
	}
	r.html = nowrapPhones(out.Bytes())
	r.text = strings.TrimSpace(textBuf.String())
	r.wordCount = len(strings.Fields(r.text))
	r.summary = truncate(summary.String(), 240)
	return r, nil
}

// nowrapPhones wraps each phone number in the text of rendered HTML (not in
// tags or their attributes) in <span class="phone">, which site.css keeps
// on one line: "1-888-373-/7888" must never happen.
//
// A phone number is a North American number written as text, 1-888-373-7888
// or 888-373-7888, between word boundaries: what the regular expression
// \b(?:1-)?\d{3}-\d{3}-\d{4}\b matches (the test holds the two to the
// same answers). It is matched by hand because the expression, run over
// every page's HTML, cost a tenth of a build.
func nowrapPhones(h []byte) []byte {
	if _, end := nextPhone(h, 0); end < 0 {
		return h
	}
	var b bytes.Buffer
	b.Grow(len(h) + 64)
	for len(h) > 0 {
		i := bytes.IndexByte(h, '<')
		if i < 0 {
			i = len(h)
		}
		text := h[:i]
		for at := 0; ; {
			start, end := nextPhone(text, at)
			if end < 0 {
				b.Write(text[at:])
				break
			}
			b.Write(text[at:start])
			b.WriteString(`<span class="phone">`)
			b.Write(text[start:end])
			b.WriteString(`</span>`)
			at = end
		}
		h = h[i:]
		j := bytes.IndexByte(h, '>')
		if j < 0 {
			b.Write(h)
			break
		}
		b.Write(h[:j+1])
		h = h[j+1:]
	}
	return b.Bytes()
}

// nextPhone finds the first phone number in s at or after from, as the
// leftmost match of the expression in nowrapPhones' comment; end is -1 if
// there is none.
func nextPhone(s []byte, from int) (start, end int) {
	for p := from; p+12 <= len(s); p++ {
		// A number starts with a digit, so the boundary before it means
		// no word character there (from 0: the text starts a new run,
		// which is how the expression sees each piece of text).
		if !isDigit(s[p]) || (p > 0 && isWordByte(s[p-1])) {
			continue
		}
		if s[p] == '1' && p+14 <= len(s) && s[p+1] == '-' {
			if e := p + 2 + 12; isPhoneDigits(s[p+2:e]) && (e == len(s) || !isWordByte(s[e])) {
				return p, e
			}
		}
		if e := p + 12; isPhoneDigits(s[p:e]) && (e == len(s) || !isWordByte(s[e])) {
			return p, e
		}
	}
	return -1, -1
}

// isPhoneDigits reports whether s, of 12 bytes, is ddd-ddd-dddd.
func isPhoneDigits(s []byte) bool {
	for i, c := range s {
		if i == 3 || i == 7 {
			if c != '-' {
				return false
			}
		} else if !isDigit(c) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isWordByte is \w of the regexp package: ASCII letters, digits and _.
func isWordByte(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

// headingID is a heading's id attribute: goldmark stores the automatic
// ones as []byte and the ones written as {#id} as []byte or string.
func headingID(n *ast.Heading) string {
	switch id, _ := n.AttributeString("id"); v := id.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return ""
}

func rewriteLink(n *ast.Link, resolve linkResolver) {
	dest := string(n.Destination)
	if isExternal(dest) {
		n.SetAttributeString("rel", []byte("noreferrer"))
		return
	}
	if resolve != nil {
		if u, ok := resolve(dest); ok {
			n.Destination = []byte(u)
		}
	}
}

// isExternal reports whether a link leaves the site.
func isExternal(dest string) bool {
	u, err := url.Parse(dest)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https" || strings.HasPrefix(dest, "//"))
}

// plainText is the text of a node and its children, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tt, ok := t.(*ast.Text); ok {
					b.Write(tt.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(c.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(html.UnescapeString(b.String()))
}

// truncate shortens s to at most n bytes at a word boundary, adding "…".
func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:.") + "…"
}

// headingRenderer writes each heading with a link to itself after it, so
// that a trainer can copy the address of one section:
//
//	<div class="heading"><h2 id="after-hours">After hours</h2>
//	<a class="anchor" href="#after-hours" aria-label="Link to this section: After hours">#</a></div>
type headingRenderer struct{}

func (r *headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.render)
}

func (r *headingRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	idStr := headingID(n)
	if entering {
		if idStr != "" && n.Level > 1 {
			w.WriteString(`<div class="heading">`)
		}
		fmt.Fprintf(w, "<h%d", n.Level)
		headingAttributes(w, n)
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, "</h%d>", n.Level)
	if idStr != "" && n.Level > 1 {
		fmt.Fprintf(w, `<a class="anchor" href="#%s" aria-label="Link to this section: %s">#</a></div>`,
			html.EscapeString(url.PathEscape(idStr)), html.EscapeString(plainText(n, src)))
	}
	w.WriteByte('\n')
	return ast.WalkContinue, nil
}

// headingAttributes writes a heading's id and class, and nothing else that
// `## Title {...}` may set: goldmark would also write style (a request to
// another site through url()), tabindex (which would put the heading
// before the quick exit in the tab order), on* and data-* attributes.
func headingAttributes(w util.BufWriter, n ast.Node) {
	for _, attr := range n.Attributes() {
		name := string(attr.Name)
		if name != "id" && name != "class" {
			continue
		}
		var value []byte
		switch v := attr.Value.(type) {
		case []byte:
			value = v
		case string:
			value = []byte(v)
		default:
			continue
		}
		fmt.Fprintf(w, ` %s="%s"`, name, util.EscapeHTML(value))
	}
}

// resolverFor returns the link resolver of the page in file: links to other
// Markdown files and to bundle files become site addresses.
func (s *Site) resolverFor(p *Page) linkResolver {
	return func(dest string) (string, bool) {
		if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") || strings.Contains(dest, ":") {
			return "", false
		}
		target, frag, _ := strings.Cut(dest, "#")
		target, err := url.PathUnescape(target)
		if err != nil || p.File == "" {
			return "", false
		}
		base := path.Dir(p.File)
		if p.isBundle {
			base = p.bundle
		}
		file := path.Join(base, target)
		if q := s.byFile[file]; q != nil && strings.HasSuffix(file, ".md") {
			if frag != "" {
				return q.URL + "#" + frag, true
			}
			return q.URL, true
		}
		if q := s.byFile[path.Join(file, "index.md")]; q != nil {
			return q.URL, true
		}
		if q := s.byFile[path.Join(file, "_index.md")]; q != nil {
			return q.URL, true
		}
		if p.isBundle && !strings.HasPrefix(target, "..") {
			// A bundle file: it is copied beside the page.
			u := p.URL + target
			if frag != "" {
				u += "#" + frag
			}
			return u, true
		}
		return "", false
	}
}

var kindFigure = ast.NewNodeKind("Figure")

// figureNode is an image with its caption, from a figure shortcode.
type figureNode struct {
	ast.BaseBlock
	caption string
}

func (n *figureNode) Kind() ast.NodeKind { return kindFigure }

func (n *figureNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Caption": n.caption}, nil)
}

// makeFigure puts a figure shortcode's image in a <figure> with its caption
// when it is a paragraph of its own; within other text, the caption follows
// the image as text. The caption's words are searchable either way.
func makeFigure(img *ast.Image, caption string, text *bytes.Buffer) {
	if caption != "" {
		text.WriteString("\n" + caption)
	}
	para, alone := img.Parent().(*ast.Paragraph)
	alone = alone && para.ChildCount() == 1
	if !alone {
		if caption != "" {
			img.Parent().InsertAfter(img.Parent(), img, ast.NewString([]byte(" "+caption)))
		}
		return
	}
	fig := &figureNode{caption: caption}
	para.Parent().ReplaceChild(para.Parent(), para, fig)
	para.RemoveChild(para, img)
	fig.AppendChild(fig, img)
}

// figureRenderer writes a figure:
//
//	<figure><img src="chart.png" alt="..." loading="lazy" decoding="async">
//	<figcaption>Visits by month</figcaption></figure>
type figureRenderer struct{}

func (figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindFigure, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString("<figure>")
			return ast.WalkContinue, nil
		}
		if c := node.(*figureNode).caption; c != "" {
			w.WriteString("\n<figcaption>" + html.EscapeString(c) + "</figcaption>")
		}
		w.WriteString("</figure>\n")
		return ast.WalkContinue, nil
	})
}
