"""The query page of ``vnkg serve``: a form that sends SPARQL to ``/query`` and draws the answer.

Everything it needs is served by vnkg itself (no CDN, no prefix look-ups elsewhere), and
answers are put on the page as text nodes only, so a literal in the graph cannot become
markup. Ctrl+Enter runs the query.
"""
from __future__ import annotations

import html

from .store import PREFIXES

__all__ = ["PAGE", "SCRIPT", "CSP"]

EXAMPLE = "\n".join(
    [f"PREFIX {p}: <{ns}>" for p, ns in sorted(PREFIXES.items()) if p in ("org", "rdfs", "vnkg")]
    + ["# Posts held by each person (the default graph is the union of all graphs)",
       "SELECT DISTINCT ?name ?role ?organization ?observedOn WHERE {",
       "  ?person org:holds ?post ; rdfs:label ?name .",
       "  ?post org:role ?role ; org:postIn ?org .",
       "  ?org rdfs:label ?organization .",
       "  OPTIONAL { ?post vnkg:observedOn ?observedOn }",
       "} ORDER BY ?name ?observedOn"])

CSP = ("default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

_PREFIX_LINES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in sorted(PREFIXES.items()))

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>vnkg SPARQL</title>
<style>
body {{ font-family: "Noto Sans Thai", "Noto Sans", Garuda, Tahoma, sans-serif; margin: 1.5em; color: #222 }}
textarea {{ width: 100%; height: 16em; font-family: monospace; font-size: 14px }}
table {{ border-collapse: collapse; margin-top: 1em }}
th, td {{ border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top }}
th {{ background: #f2f2f2 }}
#status {{ margin: .5em 0; color: #555 }} .error {{ color: #a00; white-space: pre-wrap }}
</style></head>
<body>
<h1>vnkg SPARQL</h1>
<p>The default graph is the union of all graphs; these prefixes are declared for you:</p>
<details><summary>prefixes</summary><pre>{html.escape(_PREFIX_LINES)}</pre></details>
<textarea id="query" spellcheck="false">{html.escape(EXAMPLE)}</textarea>
<p><button id="run" type="button">Run</button> <span id="status"></span></p>
<div id="answer"></div>
<script src="query.js"></script>
</body></html>
"""

SCRIPT = """"use strict";
const run = document.getElementById("run"), query = document.getElementById("query");
const status = document.getElementById("status"), out = document.getElementById("answer");

function cell(tag, text) { const c = document.createElement(tag); c.textContent = text; return c; }

function table(data) {
  const t = document.createElement("table"), head = document.createElement("tr");
  for (const v of data.head.vars) head.appendChild(cell("th", v));
  t.appendChild(head);
  for (const row of data.results.bindings) {
    const tr = document.createElement("tr");
    for (const v of data.head.vars) tr.appendChild(cell("td", row[v] ? row[v].value : ""));
    t.appendChild(tr);
  }
  return t;
}

async function ask() {
  out.replaceChildren();
  status.textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch("query", {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
      body: new URLSearchParams({query: query.value})});
    const type = response.headers.get("Content-Type") || "";
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      status.textContent = response.status + " " + response.statusText + " (" + seconds + " s)";
      out.appendChild(cell("pre", await response.text())).className = "error";
    } else if (type.startsWith("application/sparql-results+json")) {
      const data = await response.json();
      if ("boolean" in data) {
        status.textContent = "answer (" + seconds + " s)";
        out.appendChild(cell("p", String(data.boolean)));
      } else {
        status.textContent = data.results.bindings.length + " rows (" + seconds + " s)";
        out.appendChild(table(data));
      }
    } else {
      status.textContent = "graph (" + seconds + " s)";
      out.appendChild(cell("pre", await response.text()));
    }
  } catch (e) {
    status.textContent = "the server did not answer";
    out.appendChild(cell("pre", String(e))).className = "error";
  }
}

run.addEventListener("click", ask);
query.addEventListener("keydown", e => { if (e.key === "Enter" && e.ctrlKey) { e.preventDefault(); ask(); } });
"""
