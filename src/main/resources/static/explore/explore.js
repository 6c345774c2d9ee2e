// Customer Graph explorer: everything it shows comes from the GraphQL API with the user's own key, so it sees exactly
// what that key's role may see (a rep their accounts, an analyst pseudonyms). Text from the graph is always set as
// text, never as HTML.
'use strict';
// A block of its own: top-level names of a classic script meet the window's own (top, name, status…).
{

const COLOURS = {
  Account: '#2e86c1', Contact: '#27ae60', Deal: '#8e44ad', Email: '#95a5a6', Call: '#16a085', Ticket: '#c0392b',
  Invoice: '#d68910', Activity: '#7f8c8d', Tag: '#e67e22', Product: '#5d6d7e', Rep: '#34495e', SourceRecord: '#bdc3c7'
};
const SCORED = { Account: 'CHURN_RISK', Contact: 'LEAD_PRIORITY', Deal: 'DEAL_WIN' };
const $ = id => document.getElementById(id);

let key = sessionStorage.getItem('customer-graph-key') || '';

async function gql(query, variables) {
  const r = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + key },
    body: JSON.stringify({ query, variables: variables || {} })
  });
  if (r.status === 401 || r.status === 403) throw new Error('The key was refused (HTTP ' + r.status + ')');
  if (r.status === 429) throw new Error('Rate limited: try again in ' + (r.headers.get('Retry-After') || 'a few') + ' s');
  const body = await r.json();
  if (body.errors && body.errors.length) throw new Error(body.errors.map(e => e.message).join('; '));
  return body.data;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function fail(e) {
  $('error').textContent = e.message || String(e);
}

function nameOf(n) {
  return n.name || n.title || n.displayName || n.id;
}

// ------------------------------------------------------------------ start anywhere

async function connect() {
  key = $('key').value.trim() || key;
  sessionStorage.setItem('customer-graph-key', key);
  $('error').textContent = '';
  try {
    const d = await gql(`{ stats { nodes { name count } interactions { name count } tags { name count } competitorMentions quarantined
      quarantineReasons { name count } openReviews scored { name count } lastImport { at kind source records } } }`);
    const st = d.stats;
    $('stats').textContent = st.interactions.map(i => i.count.toLocaleString() + ' ' + i.name).join(' · ')
      + ' · ' + st.quarantined.toLocaleString() + ' quarantined';
    counts(st);
  } catch (e) {
    $('stats').textContent = ''; // counts are for managers, analysts and administrators
    if (/refused/.test(e.message)) return fail(e);
  }
  await riskiest();
}

/** Everything `stats` counts, as a definition list: nodes, interactions and tags by kind, quarantine, reviews, scores. */
function counts(st) {
  const dl = $('counts');
  dl.replaceChildren();
  const row = (term, value) => { dl.append(el('dt', term), el('dd', value)); };
  const list = xs => xs.length ? xs.map(x => x.name + ' ' + x.count.toLocaleString()).join(', ') : 'none';
  row('Nodes', list(st.nodes));
  row('Interactions', list(st.interactions));
  row('Language tags', list(st.tags));
  row('Competitor mentions', st.competitorMentions.toLocaleString());
  row('Quarantined', st.quarantined.toLocaleString() + (st.quarantineReasons.length ? ' (' + list(st.quarantineReasons) + ')' : ''));
  row('Open reviews', st.openReviews.toLocaleString());
  row('Scored', list(st.scored));
  row('Last import', st.lastImport
    ? st.lastImport.kind + ' from ' + st.lastImport.source + ', ' + st.lastImport.records.toLocaleString() + ' records, ' + st.lastImport.at
    : 'none');
}

async function riskiest() {
  const kind = $('kind').value;
  try {
    const d = await gql(`query($kind: ScoreKind!) { topScored(kind: $kind, first: 15) { edges { node { probability band }
      entity { id ... on Account { name } ... on Contact { name } ... on Deal { name } } } } }`, { kind });
    const list = $('top');
    list.replaceChildren();
    for (const e of d.topScored.edges) {
      const li = el('li', nameOf(e.entity) + ' — ' + e.node.band + ' ' + e.node.probability.toFixed(2));
      li.dataset.id = e.entity.id;
      li.onclick = () => centre(e.entity.id);
      list.append(li);
    }
    if (!d.topScored.edges.length) {
      // A fresh service scores its graph in the background: look again shortly.
      list.append(el('li', 'nothing scored yet; looking again in a few seconds', 'hint'));
      setTimeout(() => { if ($('kind').value === kind) riskiest(); }, 4000);
    }
  } catch (e) { fail(e); }
}

async function find(text) {
  try {
    const d = await gql(`query($t: String!) { search(text: $t, first: 15) { score node { id __typename
      ... on Account { name domain } ... on Contact { name email } } } }`, { t: text });
    const list = $('results');
    list.replaceChildren();
    for (const h of d.search) {
      const n = h.node;
      const li = el('li', nameOf(n) + ' (' + n.__typename.toLowerCase() + (n.email || n.domain ? ', ' + (n.email || n.domain) : '') + ')');
      li.dataset.id = n.id;
      li.onclick = () => centre(n.id);
      list.append(li);
    }
    if (!d.search.length) list.append(el('li', 'nothing found'));
  } catch (e) { fail(e); }
}

// ------------------------------------------------------------------ the graph

const cy = cytoscape({
  container: $('graph'),
  style: [
    { selector: 'node', style: { 'background-color': 'data(colour)', 'label': 'data(caption)', 'font-size': 9, 'text-valign': 'bottom',
      'text-margin-y': 3, 'width': 18, 'height': 18 } },
    { selector: 'node.centre', style: { 'width': 28, 'height': 28, 'border-width': 3, 'border-color': '#1d232a' } },
    { selector: 'node.evidence', style: { 'border-width': 4, 'border-color': '#f1c40f' } },
    { selector: 'edge', style: { 'width': 1.2, 'line-color': '#b3bcc5', 'target-arrow-color': '#b3bcc5', 'target-arrow-shape': 'triangle',
      'curve-style': 'bezier', 'label': 'data(type)', 'font-size': 7, 'color': '#6b7682' } },
    { selector: 'edge.evidence', style: { 'line-color': '#f1c40f', 'target-arrow-color': '#f1c40f', 'width': 3 } }
  ],
  layout: { name: 'grid' }
});
window.cy = cy; // for people poking at it from the console, and for the browser test

async function neighbourhood(id) {
  const d = await gql(`query($id: ID!, $depth: Int, $prov: Boolean) { neighborhood(id: $id, depth: $depth, limit: 150, includeProvenance: $prov) {
    nodes { id label displayName } relationships { id type startId endId } truncated } }`,
  { id, depth: Number($('depth').value), prov: $('provenance').checked });
  return d.neighborhood;
}

function add(sub) {
  const els = [];
  for (const n of sub.nodes) {
    if (!cy.getElementById(n.id).length) {
      els.push({ group: 'nodes', data: { id: n.id, label: n.label, caption: n.displayName, colour: COLOURS[n.label] || '#7f8c8d' } });
    }
  }
  for (const r of sub.relationships) {
    if (!cy.getElementById(r.id).length) {
      els.push({ group: 'edges', data: { id: r.id, source: r.startId, target: r.endId, type: r.type } });
    }
  }
  cy.add(els);
  $('truncated').textContent = sub.truncated ? 'truncated: more nodes than shown' : '';
  cy.layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: 9000 }).run();
}

async function centre(id) {
  $('error').textContent = '';
  try {
    const sub = await neighbourhood(id);
    cy.elements().remove();
    add(sub);
    cy.nodes().removeClass('centre');
    cy.getElementById(id).addClass('centre');
    const me = sub.nodes.find(n => n.id === id);
    $('centre').textContent = me ? me.label + ': ' + me.displayName : id;
    if (me && SCORED[me.label]) await score(id, me.label);
  } catch (e) { fail(e); }
}

cy.on('tap', 'node', ev => {
  const label = ev.target.data('label');
  if (SCORED[label]) score(ev.target.id(), label).catch(fail);
});
cy.on('dbltap', 'node', async ev => {
  try { add(await neighbourhood(ev.target.id())); } catch (e) { fail(e); }
});

// ------------------------------------------------------------------ why this score

async function score(id, label) {
  const d = await gql(`query($id: ID!) { node(id: $id) { ... on ${label} { id name score { kind probability band trend
    history { day probability }
    explanation { summary modelNote baseProbability
      up { feature label sentence probabilityPoints evidence { nodes { id } relationships { type startId endId } } }
      down { feature label sentence probabilityPoints evidence { nodes { id } relationships { type startId endId } } } } } } } }`, { id });
  const n = d.node;
  const pane = $('score');
  pane.replaceChildren();
  if (!n || !n.score) { pane.append(el('p', 'No score for ' + id)); return; }
  const s = n.score;
  pane.append(el('h2', n.name || id));
  const head = el('p');
  head.append(el('span', s.kind.replace('_', ' ').toLowerCase() + ' '), el('span', s.band + ' ' + s.probability.toFixed(2), 'band'));
  if (s.trend !== null && s.trend !== undefined) head.append(el('span', ' (' + (s.trend >= 0 ? '+' : '') + s.trend.toFixed(2) + ' in 7 days)'));
  pane.append(head, sparkline(s.history), el('p', s.explanation.summary));
  if (s.explanation.modelNote) pane.append(el('p', s.explanation.modelNote, 'hint'));
  for (const [title, list, cls] of [['Raising it', s.explanation.up, ''], ['Lowering it', s.explanation.down, 'down']]) {
    if (!list.length) continue;
    pane.append(el('h3', title));
    const ol = el('ol');
    ol.className = 'factors';
    for (const f of list) {
      const li = el('li');
      const bar = el('span', null, 'bar ' + cls);
      bar.style.width = Math.min(120, Math.abs(f.probabilityPoints) * 300) + 'px';
      li.append(bar, el('span', f.sentence));
      li.dataset.feature = f.feature;
      li.onclick = () => highlight(f.evidence);
      ol.append(li);
    }
    pane.append(ol);
  }
  pane.append(el('p', 'Click a reason to light up its evidence on the graph.', 'hint'));
}

function highlight(paths) {
  cy.elements().removeClass('evidence');
  for (const p of paths) {
    for (const n of p.nodes) cy.getElementById(n.id).addClass('evidence');
    for (const r of p.relationships) {
      cy.edges().filter(e => e.data('type') === r.type
        && ((e.data('source') === r.startId && e.data('target') === r.endId) || (e.data('source') === r.endId && e.data('target') === r.startId)))
        .addClass('evidence');
    }
  }
}

function sparkline(history) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('width', '300');
  svg.setAttribute('height', '40');
  svg.setAttribute('class', 'spark');
  if (history && history.length > 1) {
    const pts = history.map((h, i) => (i * 300 / (history.length - 1)).toFixed(1) + ',' + (38 - h.probability * 36).toFixed(1));
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', pts.join(' '));
    line.setAttribute('fill', 'none');
    line.setAttribute('stroke', '#1d232a');
    svg.append(line);
  }
  return svg;
}

// ------------------------------------------------------------------ wiring

$('connect-form').onsubmit = ev => { ev.preventDefault(); connect(); };
$('search-form').onsubmit = ev => { ev.preventDefault(); find($('search').value); };
$('kind').onchange = () => riskiest();
if (key) connect();
}
