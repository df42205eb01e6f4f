//go:build !linux

package main

import "testing"

// TestLambdaUnderEmulator runs only on Linux (see lambda_test.go): the AWS
// Lambda Runtime Interface Emulator supports nothing else.
func TestLambdaUnderEmulator(t *testing.T) {
	t.Skip("skipping: the AWS Lambda Runtime Interface Emulator runs only on Linux")
}
