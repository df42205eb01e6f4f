package search

// What the tests of package search_test need from inside: they are a
// package of their own because they import generator/search/hostile,
// which imports this package.

var BundledIndex = bundledIndex

// FacetParams are the handler's filter parameters, in its order.
func FacetParams() []string {
	var ps []string
	for _, f := range facetFields {
		ps = append(ps, f.param)
	}
	return ps
}
