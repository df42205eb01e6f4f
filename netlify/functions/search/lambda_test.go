//go:build linux

package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/search"
	"resourcelib/generator/search/hostile"
	"resourcelib/internal/testenv"
)

// The emulator is built from the module that ../../tools/go.mod pins.
const emulatorPkg = "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie"

// TestLambdaUnderEmulator builds the bundled site's search index, compiles
// this function the way Netlify does (go build in this folder, for Linux,
// without cgo) with that index embedded, runs it under the AWS Lambda
// Runtime Interface Emulator on loopback ports and sends it API Gateway
// proxy events, both with the visitor's path and with the rewrite targets
// of netlify.toml.
//
// The index is built into a temporary folder and handed to go build with
// -overlay, which replaces the files of index/ for that build only: the
// repository's tree is not touched.
func TestLambdaUnderEmulator(t *testing.T) {
	testenv.CIOnly(t, "the function under the Lambda emulator", "CI=1 go test ./netlify/functions/search -run Emulator")
	goCmd, err := exec.LookPath("go")
	if err != nil {
		need(t, "the go command is not on PATH: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), budget(t))
	defer cancel()
	tmp := t.TempDir()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}

	dependOn(t, root, "content", "layouts", "static", "generator", "bundle.go", "go.mod", "go.sum", "netlify/tools")
	index := filepath.Join(tmp, "index")
	run(t, ctx, root, nil, goCmd, "run", "./generator", "build",
		"-out", filepath.Join(tmp, "public"), "-index", index)
	overlay := writeOverlay(t, tmp, index)

	// As Netlify's build: CGO_ENABLED=0 GOOS=linux go build -ldflags "-s -w"
	// -tags lambda.norpc, run in this folder (GOARCH is this machine's, so
	// that the emulator can run it).
	bootstrap := filepath.Join(tmp, "bootstrap")
	run(t, ctx, ".", linuxEnv(), goCmd, "build", "-overlay", overlay, "-o", bootstrap,
		"-ldflags", "-s -w", "-tags", "lambda.norpc", ".")

	rie := buildEmulator(t, ctx, goCmd, tmp)
	addr := startEmulator(t, ctx, rie, bootstrap, tmp)

	// The build's estimate of the function's zipped size (what it warns
	// about) against the function just built, zipped at zlib's default
	// level as Netlify zips it, but with Go's flate, which makes a binary
	// about 2 % larger than zlib does: hence 5 %, not less.
	t.Run("size estimate", func(t *testing.T) {
		est, err := search.FunctionSize(index)
		if err != nil {
			t.Fatal(err)
		}
		got := zippedSize(t, bootstrap)
		if d := est - got; d < -got/20 || d > got/20 {
			t.Errorf("search.FunctionSize says %d bytes zipped; the function zips to %d: update functionProgramZipped in generator/search/size.go", est, got)
		}
		t.Logf("function zipped: %d bytes; estimated %d", got, est)
	})

	t.Run("api", func(t *testing.T) {
		res := invoke(t, ctx, addr, event("/api/search", "q", "hotline"))
		checkHeaders(t, res, "application/json")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d, want 200; body:\n%s", res.StatusCode, short(res.Body))
		}
		var got search.Result
		if err := json.Unmarshal([]byte(res.Body), &got); err != nil {
			t.Fatalf("body is not a search result: %v\n%s", err, short(res.Body))
		}
		if got.Total == 0 || !slices.ContainsFunc(got.Hits, func(h search.Hit) bool { return h.URL == "/hotline/" }) {
			t.Errorf("q=hotline: total %d, hits %+v; want /hotline/ among them", got.Total, got.Hits)
		}
	})

	t.Run("bad size", func(t *testing.T) {
		res := invoke(t, ctx, addr, event(functionPath+"/api", "q", "hotline", "size", "0"))
		checkHeaders(t, res, "application/json")
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("status %d, want 400; body:\n%s", res.StatusCode, short(res.Body))
		}
		var got struct{ Error string }
		if err := json.Unmarshal([]byte(res.Body), &got); err != nil || !strings.Contains(got.Error, "size") {
			t.Errorf("body %q (%v), want a JSON error about size", res.Body, err)
		}
	})

	t.Run("html", func(t *testing.T) {
		// A typo: the page must still list what the JSON answer finds.
		api := invoke(t, ctx, addr, event(functionPath, "q", "trafficing"))
		var want search.Result
		if err := json.Unmarshal([]byte(api.Body), &want); err != nil || len(want.Hits) == 0 {
			t.Fatalf("q=trafficing found nothing (%v):\n%s", err, short(api.Body))
		}
		for _, path := range []string{"/search", functionPath + "/html"} {
			res := invoke(t, ctx, addr, event(path, "q", "trafficing"))
			checkHeaders(t, res, "text/html")
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s: status %d, want 200; body:\n%s", path, res.StatusCode, short(res.Body))
			}
			if link := `href="` + want.Hits[0].URL + `"`; !strings.Contains(res.Body, link) {
				t.Errorf("%s?q=trafficing: the page has no %s, the first result:\n%s", path, link, short(res.Body))
			}
		}
	})

	// Issue 10's hostile requests, the table the handler's own test sends
	// over a connection, with the same expectations.
	t.Run("hostile", func(t *testing.T) {
		for _, tc := range hostile.Requests() {
			t.Run(tc.Name, func(t *testing.T) {
				res := invoke(t, ctx, addr, hostileEvent(tc))
				h := http.Header{}
				for k, v := range res.Headers {
					h.Set(k, v)
				}
				for k, vs := range res.MultiValueHeaders {
					h[http.CanonicalHeaderKey(k)] = vs
				}
				for _, bad := range hostile.Check(tc, res.StatusCode, h, []byte(res.Body)) {
					t.Error(bad)
				}
			})
		}
	})
}

// TestLambdaImageUnderEmulator runs `make lambda-image` into a temporary
// folder and runs exactly what it assembled, the entry binary bootstrap
// and the folder index/ beside it, under the Runtime Interface Emulator, as
// the container image lambda/Dockerfile describes would run it
// (/var/task/bootstrap beside /var/task/index): it must answer searches
// and HTML pages, and leave the folder as it was (an image's files are
// read-only).
func TestLambdaImageUnderEmulator(t *testing.T) {
	testenv.CIOnly(t, "the container image's entry binary under the Lambda emulator", "CI=1 go test ./netlify/functions/search -run ImageUnderEmulator")
	goCmd, err := exec.LookPath("go")
	if err != nil {
		need(t, "the go command is not on PATH: %v", err)
	}
	makeCmd, err := exec.LookPath("make")
	if err != nil {
		need(t, "make is not on PATH: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), budget(t))
	defer cancel()
	tmp := t.TempDir()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	dependOn(t, root, "content", "layouts", "static", "generator", "bundle.go", "go.mod", "go.sum", "netlify/tools", "netlify/functions/search", "lambda", "Makefile")
	image := filepath.Join(tmp, "image")
	run(t, ctx, root, nil, makeCmd, "lambda-image", "GO="+goCmd, "LAMBDA_IMAGE="+image,
		"LAMBDA_SITE="+filepath.Join(tmp, "public"), "LAMBDA_ARCH="+runtime.GOARCH)
	for _, name := range []string{"Dockerfile", "bootstrap", "index/index.bleve", "index/search-records.bin"} {
		if _, err := os.Stat(filepath.Join(image, name)); err != nil {
			t.Fatalf("make lambda-image did not write %s: %v", name, err)
		}
	}
	before := treeOf(t, image)
	rie := buildEmulator(t, ctx, goCmd, tmp)
	addr := startEmulator(t, ctx, rie, filepath.Join(image, "bootstrap"), tmp)

	res := invoke(t, ctx, addr, event("/api/search", "q", "hotline"))
	checkHeaders(t, res, "application/json")
	var got search.Result
	if err := json.Unmarshal([]byte(res.Body), &got); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("status %d, body is not a search result (%v):\n%s", res.StatusCode, err, short(res.Body))
	}
	if got.Total == 0 || !slices.ContainsFunc(got.Hits, func(h search.Hit) bool { return h.URL == "/hotline/" && h.Snippet != "" }) {
		t.Errorf("q=hotline: total %d, hits %+v; want /hotline/ with a snippet among them", got.Total, got.Hits)
	}
	page := invoke(t, ctx, addr, event("/search", "q", "trafficing"))
	checkHeaders(t, page, "text/html")
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, `href="/`) {
		t.Errorf("/search?q=trafficing: status %d, want 200 with results:\n%s", page.StatusCode, short(page.Body))
	}
	if diff := cmp.Diff(before, treeOf(t, image)); diff != "" {
		t.Errorf("the function changed the image's files (-before +after):\n%s", diff)
	}
}

// treeOf lists every file under dir with its size and modification time.
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		m[p] = fmt.Sprintf("%v %d %v", info.Mode(), info.Size(), info.ModTime())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// buildEmulator builds the emulator that ../../tools/go.mod pins into tmp.
func buildEmulator(t *testing.T, ctx context.Context, goCmd, tmp string) string {
	t.Helper()
	rie := filepath.Join(tmp, "aws-lambda-rie")
	if out, err := command(ctx, "../../tools", append(linuxEnv(), "GOWORK=off"),
		goCmd, "build", "-o", rie, emulatorPkg).CombinedOutput(); err != nil {
		need(t, "cannot build the emulator %s (pinned in netlify/tools/go.mod; it needs the Go module proxy the first time): %v\n%s", emulatorPkg, err, out)
	}
	return rie
}

// zippedSize is the size of a zip holding only the file, compressed at
// zlib's default level, as Netlify zips a Go function (archiver's zip).
func zippedSize(t *testing.T, file string) int64 {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("bootstrap")
	if err == nil {
		_, err = w.Write(data)
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return int64(b.Len())
}

// hostileEvent is the event Netlify would send for r. The event is JSON,
// so invalid UTF-8 in the query reaches the function as U+FFFD.
func hostileEvent(r hostile.Request) events.APIGatewayProxyRequest {
	path, rawQuery, _ := strings.Cut(r.Target, "?")
	ev := event(path)
	ev.HTTPMethod = r.Method
	ev.Body = r.Body
	q, _ := url.ParseQuery(rawQuery)
	for k, vs := range q {
		ev.QueryStringParameters[k] = vs[len(vs)-1]
		ev.MultiValueQueryStringParameters[k] = vs
	}
	for k, vs := range r.HeaderFields() {
		ev.Headers[k] = vs[0]
		ev.MultiValueHeaders[k] = vs
	}
	return ev
}

// need fails the test under CI, where everything it needs must be there,
// and otherwise skips it with the reason.
func need(t *testing.T, format string, args ...any) {
	t.Helper()
	testenv.Need(t, format, args...)
}

// dependOn opens every file under the given paths of root. go test caches
// a passing result until a file that the test process opened changes; it
// does not see what the go commands this test runs read, such as the
// site's content and the generator's code.
func dependOn(t *testing.T, root string, paths ...string) {
	t.Helper()
	for _, p := range paths {
		err := filepath.WalkDir(filepath.Join(root, p), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			f, err := os.Open(path)
			if err == nil {
				f.Close()
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// budget is the time the whole test may take: what go test allows, less a
// margin for the clean-up, and never more than 8 minutes.
func budget(t *testing.T) time.Duration {
	d := 8 * time.Minute
	if dl, ok := t.Deadline(); ok {
		d = min(d, time.Until(dl)-30*time.Second)
	}
	return d
}

func linuxEnv() []string {
	return []string{"CGO_ENABLED=0", "GOOS=linux", "GOARCH=" + runtime.GOARCH}
}

func command(ctx context.Context, dir string, env []string, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

func run(t *testing.T, ctx context.Context, dir string, env []string, name string, args ...string) {
	t.Helper()
	if out, err := command(ctx, dir, env, name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// writeOverlay writes a go build -overlay file that makes index/ hold
// exactly the files of the index folder built by the test.
func writeOverlay(t *testing.T, tmp, built string) string {
	t.Helper()
	here, err := filepath.Abs("index")
	if err != nil {
		t.Fatal(err)
	}
	replace := map[string]string{}
	walk := func(dir string, visit func(path, rel string)) {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(dir, path)
			visit(path, rel)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Whatever a local build left in index/ is hidden: "" deletes a file.
	walk(here, func(path, _ string) { replace[path] = "" })
	walk(built, func(path, rel string) { replace[filepath.Join(here, rel)] = path })
	data, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// startEmulator runs the emulator with bootstrap as the function and
// returns the address of its invocation API once it listens. Both of its
// addresses are loopback ports. The function's TMPDIR is inside tmp, so
// the index it unpacks goes away with the test.
func startEmulator(t *testing.T, ctx context.Context, rie, bootstrap, tmp string) string {
	t.Helper()
	fnTmp := filepath.Join(tmp, "function-tmp")
	if err := os.Mkdir(fnTmp, 0o755); err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + freePort(t)
	cmd := exec.Command(rie, "--log-level", "error",
		"--runtime-interface-emulator-address", addr,
		"--runtime-api-address", "127.0.0.1:"+freePort(t),
		bootstrap)
	cmd.Dir = tmp
	// The emulator passes its environment on to the function. These would
	// change how either of them starts.
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k != "TMPDIR" && k != "_LAMBDA_SERVER_PORT" && !strings.HasPrefix(k, "AWS_LAMBDA_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "TMPDIR="+fnTmp, "AWS_LAMBDA_FUNCTION_TIMEOUT=60")
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("cannot start the emulator: %v", err)
	}
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		stop(t, cmd.Process.Pid, exited, bootstrap)
		if t.Failed() {
			t.Logf("emulator and function output:\n%s", out.String())
		}
	})

	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return addr
		}
		select {
		case <-exited:
			t.Fatalf("the emulator exited before it listened on %s:\n%s", addr, out.String())
		case <-ctx.Done():
			t.Fatalf("the emulator did not listen on %s: %v", addr, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("the emulator did not listen on %s within 30s:\n%s", addr, out.String())
		}
	}
}

// stop ends the emulator (SIGTERM, then SIGKILL to its process group) and
// makes sure the function process it started, which the emulator puts in
// a process group of its own, has gone too.
func stop(t *testing.T, pid int, exited chan struct{}, bootstrap string) {
	syscall.Kill(-pid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		syscall.Kill(-pid, syscall.SIGKILL)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			t.Errorf("the emulator (pid %d) did not stop", pid)
		}
	}
	// The function exits by itself once the emulator's runtime API is
	// gone; kill it if it has not within 5 seconds. Only a process running
	// this test's own temporary binary is touched.
	for range 50 {
		if len(processesOf(bootstrap)) == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	for _, p := range processesOf(bootstrap) {
		syscall.Kill(p, syscall.SIGKILL)
	}
}

// processesOf lists the processes that run the executable exe.
func processesOf(exe string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if target, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe")); err == nil && target == exe {
			pids = append(pids, pid)
		}
	}
	return pids
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// event is a GET as Netlify sends it: both the single- and the multi-value
// forms of the query and the headers.
func event(path string, query ...string) events.APIGatewayProxyRequest {
	ev := events.APIGatewayProxyRequest{
		HTTPMethod:                      http.MethodGet,
		Path:                            path,
		QueryStringParameters:           map[string]string{},
		MultiValueQueryStringParameters: map[string][]string{},
		Headers:                         map[string]string{"host": "library.example", "accept": "*/*"},
		MultiValueHeaders:               map[string][]string{"host": {"library.example"}, "accept": {"*/*"}},
	}
	for i := 0; i+1 < len(query); i += 2 {
		k, v := query[i], query[i+1]
		ev.QueryStringParameters[k] = v
		ev.MultiValueQueryStringParameters[k] = append(ev.MultiValueQueryStringParameters[k], v)
	}
	ev.RequestContext.Identity.SourceIP = "127.0.0.1"
	return ev
}

// invoke sends ev to the function through the emulator's invocation API.
func invoke(t *testing.T, ctx context.Context, addr string, ev events.APIGatewayProxyRequest) events.APIGatewayProxyResponse {
	t.Helper()
	body, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute) // the first includes the cold start
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost,
		"http://"+addr+"/2015-03-31/functions/function/invocations", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("invoke %s: %v", ev.Path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, 8<<20))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("invoke %s: %s %v\n%s", ev.Path, res.Status, err, short(string(data)))
	}
	// A function that failed answers {"errorMessage", "errorType"}, which
	// these strict rules refuse.
	var out events.APIGatewayProxyResponse
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil || out.StatusCode == 0 {
		t.Fatalf("invoke %s: not an API Gateway proxy response (%v):\n%s", ev.Path, err, short(string(data)))
	}
	if out.IsBase64Encoded {
		t.Errorf("invoke %s: a text answer was base64-encoded", ev.Path)
	}
	return out
}

// checkHeaders checks the content type and the security headers that the
// search handler must send itself: Netlify's [[headers]] do not reach
// function responses.
func checkHeaders(t *testing.T, res events.APIGatewayProxyResponse, contentType string) {
	t.Helper()
	get := func(name string) string {
		for k, v := range res.Headers {
			if strings.EqualFold(k, name) {
				return v
			}
		}
		for k, vs := range res.MultiValueHeaders {
			if strings.EqualFold(k, name) {
				return strings.Join(vs, ", ")
			}
		}
		return ""
	}
	if got := get("Content-Type"); !strings.HasPrefix(got, contentType) {
		t.Errorf("Content-Type %q, want %s", got, contentType)
	}
	if csp := get("Content-Security-Policy"); csp == "" || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("Content-Security-Policy %q: want one, without 'unsafe-inline'", csp)
	}
	for name, want := range map[string]string{"Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"} {
		if got := get(name); got != want {
			t.Errorf("%s %q, want %q", name, got, want)
		}
	}
}

// short cuts a body down to what a failure message needs.
func short(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// syncBuffer collects the output of the emulator and the function, which
// write from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
