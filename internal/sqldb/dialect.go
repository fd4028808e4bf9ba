package sqldb

import (
	"strconv"
	"strings"
)

// Placeholders returns n numbered placeholders starting at $start, such as
// "$3,$4,$5" for Placeholders(3, 3), for IN-lists: both engines bind $N, and
// neither "= ANY($1)" nor sqlc.slice is portable. It returns "" when n < 1;
// callers must not build "IN ()", which is a syntax error on PostgreSQL.
func Placeholders(start, n int) string {
	if n < 1 {
		return ""
	}
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(start + i))
	}
	return b.String()
}
