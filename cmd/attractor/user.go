package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"attractor/internal/ats"
	"attractor/internal/config"
)

// userFlags are the flags of every `attractor user` subcommand.
type userFlags struct {
	database, email, name, role, password string
}

func parseUserFlags(e env, sub string, args []string) (userFlags, error) {
	cfg, _, err := config.Load(e.getenv, nil, e.stderr)
	if err != nil {
		return userFlags{}, err
	}
	f := userFlags{}
	fs := flag.NewFlagSet("attractor user "+sub, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&f.database, "database", cfg.DatabaseURL, "database URL (sqlite:PATH or postgres://…)")
	fs.StringVar(&f.email, "email", "", "the user's email address")
	fs.StringVar(&f.name, "name", "", "the user's full name (create)")
	fs.StringVar(&f.role, "role", "", "admin, recruiter, hiring_manager, interviewer or read_only")
	fs.StringVar(&f.password, "password", "", "password; '-' reads it from stdin; empty generates one")
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("user %s: unexpected argument %q", sub, fs.Arg(0))
	}
	return f, nil
}

// userCommands are the subcommands of `attractor user`.
var userCommands = map[string]func(context.Context, env, *app, userFlags) error{
	"create":         userCreate,
	"list":           userList,
	"set-role":       userSetRole,
	"reset-password": userResetPassword,
}

func runUser(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || userCommands[args[0]] == nil {
		fmt.Fprintln(e.stderr, "Usage: attractor user create|list|set-role|reset-password [flags]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return flag.ErrHelp
		}
		return errors.New("user: want a subcommand: create, list, set-role or reset-password")
	}
	f, err := parseUserFlags(e, args[0], args[1:])
	if err != nil {
		return err
	}
	a, err := openApp(ctx, f.database)
	if err != nil {
		return err
	}
	defer a.db.Close()
	return userCommands[args[0]](systemContext(ctx), e, a, f)
}

func userCreate(ctx context.Context, e env, a *app, f userFlags) error {
	pw, generated, err := password(e, f.password)
	if err != nil {
		return err
	}
	u, err := a.svc.CreateUser(ctx, ats.UserInput{Email: f.email, Name: f.name, Role: ats.Role(f.role), Password: pw})
	if err != nil {
		return errors.New(describe(err))
	}
	fmt.Fprintf(e.stdout, "Created %s <%s> as %s.\n", u.Name, u.Email, u.Role)
	if generated {
		fmt.Fprintf(e.stdout, "Password: %s\n", pw)
	}
	return nil
}

func userList(ctx context.Context, e env, a *app, f userFlags) error {
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "EMAIL\tNAME\tROLE\tDISABLED")
	for offset := 0; ; {
		users, total, err := a.svc.FindUsers(ctx, ats.UserFilter{Page: ats.Page{Limit: ats.MaxLimit, Offset: offset}})
		if err != nil {
			return err
		}
		for _, u := range users {
			fmt.Fprintf(w, "%s\t%s\t%s\t%v\n", u.Email, u.Name, u.Role, u.Disabled)
		}
		if offset += len(users); offset >= total || len(users) == 0 {
			break
		}
	}
	return w.Flush()
}

func userSetRole(ctx context.Context, e env, a *app, f userFlags) error {
	role := ats.Role(f.role)
	return updateUser(ctx, e, a, f.email, ats.UserUpdate{Role: &role}, "role set to "+f.role)
}

func userResetPassword(ctx context.Context, e env, a *app, f userFlags) error {
	pw, generated, err := password(e, f.password)
	if err != nil {
		return err
	}
	msg := "password reset"
	if generated {
		msg += "; new password: " + pw
	}
	return updateUser(ctx, e, a, f.email, ats.UserUpdate{Password: &pw}, msg)
}

func updateUser(ctx context.Context, e env, a *app, email string, upd ats.UserUpdate, done string) error {
	u, err := a.svc.FindUserByEmail(ctx, email)
	if err != nil {
		return errors.New(describe(err))
	}
	if _, err := a.svc.UpdateUser(ctx, u.ID, upd); err != nil {
		return errors.New(describe(err))
	}
	fmt.Fprintf(e.stdout, "%s: %s.\n", u.Email, done)
	return nil
}

// password returns the password to set: given, read from stdin ("-"), or
// generated (and then reported as generated so it can be printed once).
func password(e env, flagValue string) (pw string, generated bool, err error) {
	switch flagValue {
	case "":
		return rand.Text(), true, nil
	case "-":
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", false, fmt.Errorf("read password from stdin: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), false, nil
	}
	return flagValue, false, nil
}
