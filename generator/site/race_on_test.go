//go:build race

package site

// raceEnabled: the race detector slows rendering tenfold.
const raceEnabled = true
