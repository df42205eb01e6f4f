// Command admin answers /admin/, the content manager's page, as a Netlify
// Function, so that the page gets exactly the headers of package
// generator/admin and none of netlify.toml's (Netlify applies no custom
// header to a function's answer). netlify.toml rewrites /admin/ here; the
// CMS's files beside the page are ordinary published files. See
// generator/admin for why.
package main

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"resourcelib/generator/admin"
)

func main() {
	lambda.Start(func(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
		return answer(ev), nil
	})
}

// answer is the page for GET, its headers alone for HEAD, and 405 for
// anything else, as admin.ServeHTTP answers under `generator serve`.
func answer(ev events.APIGatewayProxyRequest) events.APIGatewayProxyResponse {
	h := admin.Header()
	switch ev.HTTPMethod {
	case http.MethodGet:
		return events.APIGatewayProxyResponse{StatusCode: http.StatusOK, Headers: h, Body: string(admin.Page())}
	case http.MethodHead:
		return events.APIGatewayProxyResponse{StatusCode: http.StatusOK, Headers: h}
	}
	h["Allow"] = "GET, HEAD"
	h["Content-Type"] = "text/plain; charset=utf-8"
	return events.APIGatewayProxyResponse{StatusCode: http.StatusMethodNotAllowed, Headers: h, Body: "method not allowed\n"}
}
