package site

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"resourcelib/generator/searchdoc"
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
	unclosed  []unclosedHTML
}

// unclosedHTML is an HTML block of a kind that ends only at its closing
// tag (CommonMark's types 1 to 5: <script>, <pre>, <style>, <textarea>,
// <!--, <?, <!X, <![CDATA[) that is never closed, so that it takes the
// rest of the page with it.
type unclosedHTML struct {
	off          int // of its first character
	start, close string
}

// htmlCloser names, for each such kind, how the editor closes it.
var htmlCloser = map[ast.HTMLBlockType][2]string{
	ast.HTMLBlockType2: {"<!--", "-->"},
	ast.HTMLBlockType3: {"<?", "?>"},
	ast.HTMLBlockType4: {"<!", ">"},
	ast.HTMLBlockType5: {"<![CDATA[", "]]>"},
}

func unclosedBlock(n *ast.HTMLBlock, body []byte) (unclosedHTML, bool) {
	if n.HasClosure() || n.HTMLBlockType > ast.HTMLBlockType5 || n.Lines().Len() == 0 {
		return unclosedHTML{}, false
	}
	seg := n.Lines().At(0)
	line := seg.Value(body)
	i := bytes.IndexByte(line, '<')
	if i < 0 {
		return unclosedHTML{}, false
	}
	u := unclosedHTML{off: seg.Start + i}
	if c, ok := htmlCloser[n.HTMLBlockType]; ok {
		u.start, u.close = c[0], c[1]
	} else { // type 1: the tag's name
		name := line[i+1:]
		if j := bytes.IndexFunc(name, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') }); j >= 0 {
			name = name[:j]
		}
		tag := strings.ToLower(string(name))
		u.start, u.close = "<"+tag, "</"+tag+">"
	}
	// goldmark sets no closure line for a block closed on its first line.
	lines := n.Lines()
	for i := range lines.Len() {
		if seg := lines.At(i); bytes.Contains(bytes.ToLower(seg.Value(body)), []byte(u.close)) {
			return unclosedHTML{}, false
		}
	}
	return u, true
}

// mdLink is a link or image destination as the editor wrote it, and where.
type mdLink struct {
	dest  string
	off   int // byte offset of its `[` or `![` in the body; -1 if unknown
	image bool
	auto  bool // an autolink
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
		case *ast.HTMLBlock:
			if u, ok := unclosedBlock(n, body); ok {
				r.unclosed = append(r.unclosed, u)
			}
		case *ast.Link:
			r.links = append(r.links, mdLink{dest: string(n.Destination), off: n.Pos()})
			rewriteLink(n, resolve)
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				r.links = append(r.links, mdLink{dest: string(n.URL(body)), off: n.Pos(), auto: true})
			}
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
	r.html = searchdoc.NowrapPhones(out.Bytes())
	r.text = strings.TrimSpace(textBuf.String())
	r.wordCount = countWords(r.text)
	r.summary = truncate(summary.String(), 240)
	return r, nil
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
// countWords is len(strings.Fields(s)) without making the slice: a
// page's words were a tenth of a gigabyte of a 10,000-page build's
// allocations, only to be counted.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

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
