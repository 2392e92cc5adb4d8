#!/usr/bin/env bash
# Refreshes the vendored Decap CMS (the editor served at /admin/) from the npm registry at the pinned
# version: the browser bundle, its lazily loaded chunks and WebAssembly files, and its licence
# notices, into themes/mac-dinh/static/decap-cms/ (published as assets/decap-cms/). Source maps are
# left out. Run it after changing VERSION, then commit the folder.
set -euo pipefail
VERSION=3.16.3
cd "$(dirname "$0")/.."
dest=themes/mac-dinh/static/decap-cms
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "decap-cms@$VERSION" >/dev/null && tar xzf "decap-cms-$VERSION.tgz")
rm -rf "$dest"
mkdir -p "$dest"
dist="$work/package/dist"
# decap-cms.js and the chunks it loads from its own folder (N.decap-cms.js), the .wasm they need.
cp "$dist"/decap-cms.js "$dist"/*.decap-cms.js "$dist"/*.wasm "$dest"/
cp "$dist"/decap-cms.js.LICENSE.txt "$dest"/LICENSE-THIRD-PARTY.txt
cat >"$dest"/README.md <<NOTE
# Decap CMS $VERSION (vendored)

From the npm package \`decap-cms@$VERSION\` (MIT licence, https://github.com/decaporg/decap-cms),
\`dist/\` without source maps. Refresh with \`tools/vendor-cms.sh\`; do not edit these files.
\`LICENSE-THIRD-PARTY.txt\` holds the licence notices of the code bundled in it.
NOTE
cat >"$dest"/LICENSE.txt <<'MIT'
Copyright (c) 2016 Netlify <decap@p-m.si>

MIT License

Permission is hereby granted, free of charge, to any person obtaining
a copy of this software and associated documentation files (the
"Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to
the following conditions:

The above copyright notice and this permission notice shall be
included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
MIT
echo "vendored decap-cms $VERSION into $dest ($(du -sh "$dest" | cut -f1))"
