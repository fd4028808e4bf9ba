package config_test

import (
	"io"
	"net/netip"
	"strings"
	"testing"
	"time"

	"attractor/internal/config"

	"github.com/google/go-cmp/cmp"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// sim is the LinkedIn configuration of a default install: a local
// linkedinsim and its seeded partner app.
var sim = config.LinkedIn{APIURL: "http://127.0.0.1:8090", AuthURL: "http://127.0.0.1:8090",
	PlatformURL: "http://127.0.0.1:8090", ClientID: "attractor-partner", ClientSecret: "attractor-partner-secret",
	StatusPoll: 5 * time.Minute}

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    config.Config
		wantErr string
	}{
		{name: "defaults", want: config.Config{Addr: "127.0.0.1:8080", DatabaseURL: "sqlite:./data/attractor.db", PublicURL: "http://127.0.0.1:8080", LinkedIn: sim}},
		{name: "environment", env: map[string]string{"ATTRACTOR_ADDR": ":9000", "ATTRACTOR_DATABASE_URL": "postgres://u@h/db"},
			want: config.Config{Addr: ":9000", DatabaseURL: "postgres://u@h/db", PublicURL: "http://:9000", LinkedIn: sim}},
		{name: "flags win", env: map[string]string{"ATTRACTOR_ADDR": ":9000"}, args: []string{"--addr", "127.0.0.1:1", "--database", "sqlite:/tmp/x.db", "--public-url", "https://ats.example.com/"},
			want: config.Config{Addr: "127.0.0.1:1", DatabaseURL: "sqlite:/tmp/x.db", PublicURL: "https://ats.example.com", LinkedIn: sim}},
		{name: "linkedin environment", env: map[string]string{"ATTRACTOR_LINKEDIN_API_URL": "https://api.linkedin.com/",
			"ATTRACTOR_LINKEDIN_AUTH_URL": "https://www.linkedin.com", "ATTRACTOR_LINKEDIN_PLATFORM_URL": "https://platform.linkedin.com",
			"ATTRACTOR_LINKEDIN_CLIENT_ID": "parent", "ATTRACTOR_LINKEDIN_CLIENT_SECRET": "s3cret"},
			want: config.Config{Addr: "127.0.0.1:8080", DatabaseURL: "sqlite:./data/attractor.db", PublicURL: "http://127.0.0.1:8080",
				LinkedIn: config.LinkedIn{APIURL: "https://api.linkedin.com", AuthURL: "https://www.linkedin.com",
					PlatformURL: "https://platform.linkedin.com", ClientID: "parent", ClientSecret: "s3cret", StatusPoll: 5 * time.Minute}}},
		{name: "linkedin hosts default to the api host", env: map[string]string{"ATTRACTOR_LINKEDIN_API_URL": "http://sim.test:9000",
			"ATTRACTOR_LINKEDIN_RECORDS_PER_MINUTE": "-1", "ATTRACTOR_LINKEDIN_STATUS_POLL": "1s"},
			args: []string{"--linkedin-client-id", "flag-parent", "--linkedin-calls-per-day", "500"},
			want: config.Config{Addr: "127.0.0.1:8080", DatabaseURL: "sqlite:./data/attractor.db", PublicURL: "http://127.0.0.1:8080",
				LinkedIn: config.LinkedIn{APIURL: "http://sim.test:9000", AuthURL: "http://sim.test:9000",
					PlatformURL: "http://sim.test:9000", ClientID: "flag-parent", ClientSecret: "attractor-partner-secret",
					RecordsPerMinute: -1, CallsPerDay: 500, StatusPoll: time.Second}}},
		{name: "bad records per minute", env: map[string]string{"ATTRACTOR_LINKEDIN_RECORDS_PER_MINUTE": "lots"}, wantErr: "linkedin-records-per-minute"},
		{name: "bad status poll", args: []string{"--linkedin-status-poll", "0s"}, wantErr: "linkedin-status-poll"},
		{name: "bad linkedin url", args: []string{"--linkedin-auth-url", "ftp://x"}, wantErr: "linkedin-auth-url"},
		{name: "empty partner id", args: []string{"--linkedin-client-id", ""}, wantErr: "ATTRACTOR_LINKEDIN_CLIENT_ID"},
		{name: "bad database", args: []string{"--database", "mysql://x"}, wantErr: "database"},
		{name: "bad addr", args: []string{"--addr", "nowhere"}, wantErr: "addr"},
		{name: "half admin", env: map[string]string{"ATTRACTOR_ADMIN_EMAIL": "a@b.c"}, wantErr: "go together"},
		{name: "bad level", args: []string{"--log-level", "loud"}, wantErr: "log-level"},
		{name: "trusted proxies", env: map[string]string{"ATTRACTOR_TRUSTED_PROXIES": " 10.0.0.0/8, 127.0.0.1,::1 , 192.168.1.7/24,::ffff:172.16.0.0/108"},
			want: config.Config{Addr: "127.0.0.1:8080", DatabaseURL: "sqlite:./data/attractor.db", PublicURL: "http://127.0.0.1:8080",
				TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("127.0.0.1/32"),
					netip.MustParsePrefix("::1/128"), netip.MustParsePrefix("192.168.1.0/24"), netip.MustParsePrefix("172.16.0.0/12")},
				LinkedIn: sim}},
		{name: "bad trusted proxy", args: []string{"--trusted-proxies", "10.0.0.1,proxy.example"}, wantErr: `"proxy.example" is neither`},
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
			if d := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })); d != "" {
				t.Errorf("Load (-want +got):\n%s", d)
			}
		})
	}
}
