package transfer

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Progress returns a function that shows an import's progress on w: a progress bar when w is
// a terminal, and otherwise a plain line at most every interval (and at the end), such as
// "import: 2000/100000 rows (2%)".
func Progress(w io.Writer, interval time.Duration) func(done, total int) {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		var bar *progressbar.ProgressBar
		return func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total,
					progressbar.OptionSetWriter(w),
					progressbar.OptionSetDescription("importing"),
					progressbar.OptionShowCount(),
					progressbar.OptionShowIts(),
					progressbar.OptionSetItsString("rows"),
					progressbar.OptionSetPredictTime(true),
					progressbar.OptionThrottle(100*time.Millisecond),
					progressbar.OptionOnCompletion(func() { _, _ = fmt.Fprintln(w) }),
					progressbar.OptionFullWidth())
			}
			_ = bar.Set(done)
		}
	}
	var last time.Time
	return func(done, total int) {
		if done != total && done != 0 && time.Since(last) < interval {
			return
		}
		last = time.Now()
		pct := 100
		if total > 0 {
			pct = done * 100 / total
		}
		_, _ = fmt.Fprintf(w, "import: %d/%d rows (%d%%)\n", done, total, pct)
	}
}
