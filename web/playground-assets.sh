#!/bin/sh
# Refetches the playground's vendored assets (web/playground/vendor/) from the npm registry:
# `npm pack` of the pinned versions into a temporary folder, each tarball checked against the
# pinned integrity hash, then the built files copied as they are. Run by `make playground-assets`;
# running it again on the same pins writes the same bytes. To upgrade, change a version and its
# integrity (`npm view PACKAGE@VERSION dist.integrity`), run it, and update the paths in
# playground/index.html.
set -eu

GRAPHIQL_VERSION=3.8.3
GRAPHIQL_INTEGRITY=sha512-cuPDYtXVKV86Pu5PHBX642Odi/uVEE2y1Jxq5rGO/Qy1G2lRp7ZZ7a/T30RzxhuLSWo9zUbzq0P3U49//H0Ugw==
REACT_VERSION=18.3.1
REACT_INTEGRITY=sha512-wS+hAgJShR0KhEvPJArfuPVN1+Hz1t0Y6n5jLrGQbkb4urgPE/0Rve+1kMB1v/oWgHgm4WIcV+i7F2pTVj+2iQ==
REACT_DOM_VERSION=18.3.1
REACT_DOM_INTEGRITY=sha512-5m4nQKp+rZRb09LNH59GM4BxTh9251/ylbKIbpe7TpGxfJ+9kv6BLkLBXIjjspbgbnIBNqlI23tRnTWT0snUIw==

cd "$(dirname "$0")"
vendor=playground/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# fetch NAME VERSION INTEGRITY: npm pack the package into $tmp/NAME and unpack it there.
fetch() {
	mkdir -p "$tmp/$1"
	(cd "$tmp/$1" && npm pack --silent --json "$1@$2" >pack.json)
	got=$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1]))[0].integrity)' "$tmp/$1/pack.json")
	if [ "$got" != "$3" ]; then
		echo "$1@$2: integrity $got, want $3" >&2
		exit 1
	fi
	tar -xzf "$tmp/$1/$1-$2.tgz" -C "$tmp/$1"
}

fetch graphiql "$GRAPHIQL_VERSION" "$GRAPHIQL_INTEGRITY"
fetch react "$REACT_VERSION" "$REACT_INTEGRITY"
fetch react-dom "$REACT_DOM_VERSION" "$REACT_DOM_INTEGRITY"

rm -rf "$vendor"
g=$vendor/graphiql-$GRAPHIQL_VERSION
r=$vendor/react-$REACT_VERSION
d=$vendor/react-dom-$REACT_DOM_VERSION
mkdir -p "$g" "$r" "$d"
cp "$tmp/graphiql/package/graphiql.min.js" "$tmp/graphiql/package/graphiql.min.css" "$tmp/graphiql/package/LICENSE" "$g/"
cp "$tmp/react/package/umd/react.production.min.js" "$tmp/react/package/LICENSE" "$r/"
cp "$tmp/react-dom/package/umd/react-dom.production.min.js" "$tmp/react-dom/package/LICENSE" "$d/"

{
	cat <<EOF
# The playground's vendored assets, as written by web/playground-assets.sh (make
# playground-assets) from the npm registry. Each file is copied unchanged from the package's
# tarball; the integrity is that of the tarball, as npm records it.

package    graphiql
version    $GRAPHIQL_VERSION
integrity  $GRAPHIQL_INTEGRITY
licence    MIT (graphiql-$GRAPHIQL_VERSION/LICENSE). The bundle also holds @graphiql/react,
           graphql-js, CodeMirror 5, markdown-it, Radix UI, framer-motion and smaller
           packages, under their own licences (MIT and compatible). graphiql.min.css embeds
           the Roboto (Apache-2.0) and Fira Code (SIL OFL-1.1) fonts as data: URLs.
files      graphiql.min.js graphiql.min.css LICENSE (package/ in the tarball)

package    react
version    $REACT_VERSION
integrity  $REACT_INTEGRITY
licence    MIT (react-$REACT_VERSION/LICENSE)
files      react.production.min.js (package/umd/) LICENSE

package    react-dom
version    $REACT_DOM_VERSION
integrity  $REACT_DOM_INTEGRITY
licence    MIT (react-dom-$REACT_DOM_VERSION/LICENSE)
files      react-dom.production.min.js (package/umd/) LICENSE

# sha256 of each file
EOF
	(cd "$vendor" && find . -type f ! -name 'VERSIONS*' | LC_ALL=C sort | sed 's|^\./||' | xargs sha256sum)
} >"$vendor/VERSIONS.tmp"
mv "$vendor/VERSIONS.tmp" "$vendor/VERSIONS"
echo "wrote web/$vendor:"
ls -R "$vendor"
