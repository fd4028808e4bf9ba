package config_test

import (
	"io"
	"strings"
	"testing"

	"attractor/internal/config"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    config.Config
		wantErr string
	}{
		{name: "defaults", want: config.Config{Addr: "127.0.0.1:8080", DatabaseURL: "sqlite:./data/attractor.db", PublicURL: "http://127.0.0.1:8080"}},
		{name: "environment", env: map[string]string{"ATTRACTOR_ADDR": ":9000", "ATTRACTOR_DATABASE_URL": "postgres://u@h/db"},
			want: config.Config{Addr: ":9000", DatabaseURL: "postgres://u@h/db", PublicURL: "http://:9000"}},
		{name: "flags win", env: map[string]string{"ATTRACTOR_ADDR": ":9000"}, args: []string{"--addr", "127.0.0.1:1", "--database", "sqlite:/tmp/x.db", "--public-url", "https://ats.example.com/"},
			want: config.Config{Addr: "127.0.0.1:1", DatabaseURL: "sqlite:/tmp/x.db", PublicURL: "https://ats.example.com"}},
		{name: "bad database", args: []string{"--database", "mysql://x"}, wantErr: "database"},
		{name: "bad addr", args: []string{"--addr", "nowhere"}, wantErr: "addr"},
		{name: "half admin", env: map[string]string{"ATTRACTOR_ADMIN_EMAIL": "a@b.c"}, wantErr: "go together"},
		{name: "bad level", args: []string{"--log-level", "loud"}, wantErr: "log-level"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := config.Load(env(tt.env), tt.args, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load error = %v, want one mentioning %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.LogLevel, got.LogFormat = 0, ""
			if got != tt.want {
				t.Errorf("Load = %+v, want %+v", got, tt.want)
			}
		})
	}
}
