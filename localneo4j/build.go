package localneo4j

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Paths inside the launcher directory.
const (
	launcherJar   = "target/neo4j-launcher.jar"
	launcherLib   = "target/lib"
	launcherPOM   = "pom.xml"
	launcherSrc   = "src"
	buildLockName = "target/.localneo4j-build.lock"
)

// Build compiles the Neo4j launcher in launcherDir (the launcher directory, holding
// pom.xml) by running `mvn -q -B -f <launcherDir>/pom.xml package`, but only
// when target/neo4j-launcher.jar or target/lib is missing, or the jar is older than
// pom.xml or any .java file under src/. Maven's output goes to log (nil discards it);
// on failure the returned error includes its last lines. Concurrent Builds of the same
// directory, also from different processes, are serialised with a file lock on Unix.
func Build(ctx context.Context, launcherDir string, log io.Writer) error {
	dir, err := filepath.Abs(launcherDir)
	if err != nil {
		return fmt.Errorf("localneo4j: launcher dir: %w", err)
	}
	pom := filepath.Join(dir, launcherPOM)
	if _, err := os.Stat(pom); err != nil {
		return fmt.Errorf("localneo4j: launcher dir %s: %w", dir, err)
	}
	stale, err := needsBuild(dir)
	if err != nil {
		return err
	}
	if !stale {
		return nil
	}

	if err := os.MkdirAll(filepath.Join(dir, "target"), 0o755); err != nil {
		return fmt.Errorf("localneo4j: %w", err)
	}
	unlock, err := lockFile(filepath.Join(dir, buildLockName))
	if err != nil {
		return fmt.Errorf("localneo4j: locking launcher build: %w", err)
	}
	defer unlock()
	// Another process may have built it while we waited for the lock.
	if stale, err = needsBuild(dir); err != nil || !stale {
		return err
	}

	mvn, err := exec.LookPath("mvn")
	if err != nil {
		return fmt.Errorf("localneo4j: Maven (mvn) is required to build %s: %w", dir, err)
	}
	out := newSink(log, tailLines)
	cmd := exec.CommandContext(ctx, mvn, "-q", "-B", "-f", pom, "package")
	cmd.Dir = dir
	cmd.Stdout = out.writer()
	cmd.Stderr = out.writer()
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	if err := cmd.Run(); err != nil {
		out.flush()
		if ctxErr := ctx.Err(); ctxErr != nil {
			err = fmt.Errorf("%w (%v)", ctxErr, err)
		}
		return fmt.Errorf("localneo4j: %s package failed after %s: %w%s",
			mvn, time.Since(start).Round(time.Millisecond), err, out.tailText())
	}
	out.flush()
	if stale, err = needsBuild(dir); err != nil {
		return err
	} else if stale {
		return fmt.Errorf("localneo4j: mvn package succeeded but %s is still missing or stale", filepath.Join(dir, launcherJar))
	}
	return nil
}

// needsBuild reports whether the launcher jar or its lib directory is missing, or the
// jar is older than pom.xml or any .java source.
func needsBuild(dir string) (bool, error) {
	jar, err := os.Stat(filepath.Join(dir, launcherJar))
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	} else if err != nil {
		return false, fmt.Errorf("localneo4j: %w", err)
	}
	libs, err := filepath.Glob(filepath.Join(dir, launcherLib, "*.jar"))
	if err != nil || len(libs) == 0 {
		return true, nil
	}
	built := jar.ModTime()

	pom, err := os.Stat(filepath.Join(dir, launcherPOM))
	if err != nil {
		return false, fmt.Errorf("localneo4j: %w", err)
	}
	if pom.ModTime().After(built) {
		return true, nil
	}
	newer := errors.New("newer source")
	err = filepath.WalkDir(filepath.Join(dir, launcherSrc), func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".java") {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.ModTime().After(built) {
			return newer
		}
		return nil
	})
	switch {
	case errors.Is(err, newer):
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil // no src directory: nothing can be newer
	case err != nil:
		return false, fmt.Errorf("localneo4j: scanning launcher sources: %w", err)
	}
	return false, nil
}
