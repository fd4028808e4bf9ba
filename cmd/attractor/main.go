// Command attractor runs the Attractor ATS and its tools. main only wires
// the process to run, which tests call in-process.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	} else if err != nil {
		fmt.Fprintln(os.Stderr, "attractor:", err)
		os.Exit(1)
	}
}

// env bundles the process surroundings a command needs, so tests can run
// commands in-process with their own.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// commands maps each subcommand to its entry point and one-line summary.
var commands = []struct {
	name, summary string
	run           func(ctx context.Context, e env, args []string) error
}{
	{"serve", "run the ATS web server and JSON API", runServe},
	{"migrate", "apply database migrations (status: show them)", runMigrate},
	{"user", "manage users: create, list, set-role, reset-password", runUser},
	{"linkedinsim", "run the LinkedIn simulator (seed: recreate its world)", runLinkedinsim},
}

// run dispatches to a subcommand.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		usage(stdout)
		if len(args) == 0 {
			return errors.New("no command given")
		}
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Attractor: a self-hosted applicant tracking system.")
	fmt.Fprintln(w, "\nUsage: attractor <command> [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'attractor <command> --help' for the flags of a command.")
}
