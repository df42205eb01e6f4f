package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"resourcelib"
	"resourcelib/generator/server"
	"resourcelib/generator/site"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, nil, stdout, stderr)
}

// serve is the serve command until ctx ends. It listens on -addr, unless
// a listener is given (tests). With -built it serves a finished build of
// -out as production does (server.ServeBuilt) and builds nothing.
func serve(ctx context.Context, args []string, ln net.Listener, stdout, stderr io.Writer) int {
	fl := newFlagSet("serve", stderr, "[-source DIR] [-out DIR] [-addr HOST:PORT] [-drafts] [-future] [-expired] | -built -out DIR [-addr HOST:PORT]")
	source := fl.String("source", ".", "the site's folder, holding content/")
	out := fl.String("out", "", "build into this folder (default: a temporary folder, removed on exit)")
	addr := fl.String("addr", "localhost:1313", "the address to listen on")
	drafts := fl.Bool("drafts", false, "include pages marked draft: true")
	future := fl.Bool("future", false, "include pages whose publishdate or date is still to come")
	expired := fl.Bool("expired", false, "include pages whose expirydate has passed")
	built := fl.Bool("built", false, "serve the -out folder as `generator build -out` left it, as production serves it: no rebuild, no watching, no reload script (for audits)")
	if ok, code := parseFlags(fl, args, stderr); !ok {
		return code
	}
	if *built && (*out == "" || *drafts || *future || *expired) {
		fmt.Fprintln(stderr, "generator: serve -built serves a finished build: give its folder with -out DIR (build it first with `generator build -out DIR`), and build with -drafts, -future or -expired instead")
		return 2
	}
	dir := *out
	if dir == "" {
		tmp, err := os.MkdirTemp("", "generator-serve-")
		if err != nil {
			fmt.Fprintf(stderr, "generator: %v\n", err)
			return 1
		}
		defer os.RemoveAll(tmp)
		dir = tmp + "/public"
	}
	index := indexDir(dir, "")
	if _, err := sourceFS(*source); err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 2
	}
	for _, c := range []struct {
		dir  string
		kind outKind
	}{{dir, siteOut}, {index, indexOut}} {
		if err := checkOut(*source, c.dir, c.kind); err != nil {
			fmt.Fprintf(stderr, "generator: %v\n", err)
			return 2
		}
	}
	rules, err := server.LoadHeaders(*source)
	if err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 1
	}
	if ln == nil {
		if ln, err = net.Listen("tcp", *addr); err != nil {
			fmt.Fprintf(stderr, "generator: cannot listen on %s: %v\n", *addr, err)
			return 1
		}
	}
	base := "http://" + ln.Addr().String()
	if *built {
		for _, f := range []string{filepath.Join(dir, "index.html"), index} {
			if _, err := os.Stat(f); err != nil {
				fmt.Fprintf(stderr, "generator: serve -built: no finished build in %s (%v): run `generator build -out %s` first\n", dir, err, dir)
				return 1
			}
		}
		fmt.Fprintf(stdout, "serving %s on %s as built (no rebuild, no reload script; press Ctrl-C to stop)\n", dir, base+"/")
		if err := server.ServeBuilt(ctx, ln, dir, index, rules); err != nil {
			fmt.Fprintf(stderr, "generator: %v\n", err)
			return 1
		}
		return 0
	}
	opts := site.Options{Theme: resourcelib.Bundle, Extra: publishHSDS, BaseURL: base,
		Drafts: *drafts, Future: *future, Expired: *expired, WarnLinks: true}
	dev := server.NewDev(server.DevConfig{Source: *source, Out: dir, Index: index, Options: opts,
		Rules: rules, Stdout: stdout, Stderr: stderr})
	fmt.Fprintf(stdout, "serving %s on %s, rebuilding on changes (press Ctrl-C to stop)\n", dir, base+"/")
	if err := dev.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 1
	}
	return 0
}
