package site

import (
	"path"
)

// claimCounts is what a Session keeps of the claims on the output (see
// checkOutputs): how many claims each name has, and the folders and
// letter-case keys of the names, without what a message would say of
// them. An edit changes the claims of the pages it adds, removes, moves
// or splits into another number of files, and of the sitemap's parts and
// the sections' feeds; claimChanges lists those, and the Session counts
// them in and out and looks at them alone. Only when one of them may
// collide, or some alias may be refused, is the whole check run, which
// reports each collision as a build does, naming both sides. So an edit
// that moves a page costs in proportion to what it moved, and the messages
// of the claims are made only when there is something to report.
type claimCounts struct {
	names map[string]int // name -> claims on it
	folds map[string]int // foldCase(name) -> names under it
	dirs  map[string]int // folder -> names inside it, at any depth
}

func newClaimCounts(claims map[string][]claim) *claimCounts {
	c := &claimCounts{names: make(map[string]int, len(claims)), folds: make(map[string]int, len(claims)), dirs: map[string]int{}}
	for name, cs := range claims {
		c.add(name, len(cs))
	}
	return c
}

// add counts n claims on name in, or out if n is negative.
func (c *claimCounts) add(name string, n int) {
	was := c.names[name]
	now := was + n
	if now == 0 {
		delete(c.names, name)
	} else {
		c.names[name] = now
	}
	d := 0
	switch {
	case was == 0 && now > 0:
		d = 1
	case was > 0 && now == 0:
		d = -1
	default:
		return
	}
	bump(c.folds, foldCase(name), d)
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		bump(c.dirs, dir, d)
	}
}

func bump(m map[string]int, key string, d int) {
	if n := m[key] + d; n == 0 {
		delete(m, key)
	} else {
		m[key] = n
	}
}

// apply counts changes in (or out, with undo).
func (c *claimCounts) apply(changes map[string]int, undo bool) {
	for name, n := range changes {
		if undo {
			n = -n
		}
		c.add(name, n)
	}
}

// mayCollide reports whether, with changes counted in, checkOutputs may
// find a problem that it did not find before them (when it found none):
// any problem is on a name whose claims changed and that is still claimed,
// which may now have two claims, be a file where another needs a folder,
// or a folder where a file is, differ from another only in letter case, or
// be inside a reserved folder (which only some claims may be: checkOutputs
// says).
func (c *claimCounts) mayCollide(changes map[string]int) bool {
	for name := range changes {
		if c.names[name] == 0 {
			continue
		}
		if c.names[name] > 1 || c.dirs[name] > 0 || c.folds[foldCase(name)] > 1 || reservedPrefix(name) != "" {
			return true
		}
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if c.names[dir] > 0 {
				return true
			}
		}
	}
	return false
}

// mayRefuseAlias reports whether checkAliases may refuse one of redirs
// (sorted by from, as a site holds them): two from one address, or one
// from an address claimed, in any letter case, or reserved.
func (c *claimCounts) mayRefuseAlias(redirs []redirect) bool {
	for i, r := range redirs {
		if i > 0 && r.from == redirs[i-1].from {
			return true
		}
		name := aliasFile(r.from)
		if c.names[name] > 0 || c.folds[foldCase(name)] > 0 || reservedPrefix(name) != "" {
			return true
		}
	}
	return false
}

// claimChanges are the claims on the output that may differ between two
// assemblies of one source, by name, counted in (positive) or out
// (negative; 0 for a name claimed otherwise), besides those of static and copied files (an edit that
// changes these is declined) and of names that do not depend on the pages:
// the files of each page whose address, kind, file or number of list files
// differ, the sitemap's parts and the sections' feeds.
//
// It reports false if the pages of either site are not sorted by address,
// which the walk needs; the caller then checks everything.
func claimChanges(old, site *Site) (map[string]int, bool) {
	if !sortedByURL(old.Pages) || !sortedByURL(site.Pages) {
		return nil, false
	}
	changes := map[string]int{}
	note := func(s *Site, p *Page, n int) {
		changes[p.outputPath()] += n
		for i := 2; i <= s.listFiles(p); i++ {
			changes[pagerURL(p.URL, i)[1:]+"index.html"] += n
		}
	}
	// Both sites hold their pages sorted by address.
	a, b := old.Pages, site.Pages
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || len(a) > 0 && a[0].URL < b[0].URL:
			note(old, a[0], -1)
			a = a[1:]
		case len(a) == 0 || b[0].URL < a[0].URL:
			note(site, b[0], 1)
			b = b[1:]
		default:
			i, j := sameURL(a), sameURL(b)
			if i == 1 && j == 1 && sameClaims(old, a[0], site, b[0]) {
				a, b = a[1:], b[1:]
				continue
			}
			for _, p := range a[:i] {
				note(old, p, -1)
			}
			for _, p := range b[:j] {
				note(site, p, 1)
			}
			a, b = a[i:], b[j:]
		}
	}
	for _, name := range old.sitemapParts() {
		changes[name]--
	}
	for _, name := range site.sitemapParts() {
		changes[name]++
	}
	for _, u := range old.sectionFeeds() {
		changes[u[1:]+"index.xml"]--
	}
	for _, u := range site.sectionFeeds() {
		changes[u[1:]+"index.xml"]++
	}
	return changes, true
}

func sortedByURL(ps []*Page) bool {
	for i := 1; i < len(ps); i++ {
		if ps[i].URL < ps[i-1].URL {
			return false
		}
	}
	return true
}

// sameURL is how many of the first pages of ps have the first's address.
func sameURL(ps []*Page) int {
	n := 1
	for n < len(ps) && ps[n].URL == ps[0].URL {
		n++
	}
	return n
}

// sameClaims reports whether page p of site a and page q (at the same
// address) of site b claim the same files of the output, and claim them
// alike: the same kind of page, from the same file.
func sameClaims(a *Site, p *Page, b *Site, q *Page) bool {
	return p.Kind == q.Kind && p.File == q.File && (p.Organization == nil) == (q.Organization == nil) &&
		a.listFiles(p) == b.listFiles(q)
}
