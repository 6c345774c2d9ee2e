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
let me = { roles: [] };          // who the key is: what to offer (the server decides what is allowed)
let centreId = null;             // the node the graph was drawn around
let shown = null;                // { id, label } of the entity whose score the panel shows
let selected = null;             // { id, label, caption } of the last node clicked
const may = roles => me.roles.some(r => roles.includes(r));
const MANAGING = ['ADMIN', 'MANAGER'];

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
    me = (await gql('{ me { name roles owner team masked scoped } }')).me;
  } catch (e) { return fail(e); }
  try {
    const d = await gql(`{ stats { nodes { name count } interactions { name count } tags { name count } competitorMentions quarantined
      quarantineReasons { name count } openReviews scored { name count } lastImport { at kind source records } } }`);
    const st = d.stats;
    $('stats').textContent = st.interactions.map(i => i.count.toLocaleString() + ' ' + i.name).join(' · ')
      + ' · ' + st.quarantined.toLocaleString() + ' quarantined';
    counts(st);
    $('counts-box').hidden = false;
  } catch (e) {
    $('stats').textContent = ''; // counts are for managers, analysts and administrators
    $('counts-box').hidden = true;
    if (/refused/.test(e.message)) return fail(e);
  }
  await riskiest();
  await reviews();
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
  text = text.trim();
  // An id pasted from elsewhere (GraphiQL, a webhook, a log) opens that node.
  if (/^[a-z]{3}_[0-9A-Za-z]+$/.test(text)) return centre(text);
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

// ------------------------------------------------------------------ review queue

async function reviews() {
  const list = $('reviews');
  list.replaceChildren();
  if (!may(MANAGING)) { list.append(el('li', 'deciding matches is for managers and administrators', 'hint')); return; }
  try {
    const d = await gql(`{ reviewQueue(first: 15) { edges { node { id kind probability
      a { id ... on Contact { name } ... on Account { name } } b { id ... on Contact { name } ... on Account { name } } } } } }`);
    for (const e of d.reviewQueue.edges) {
      const r = e.node;
      const li = el('li', (r.a ? nameOf(r.a) : '(erased)') + ' ↔ ' + (r.b ? nameOf(r.b) : '(erased)') + ' — ' + r.probability.toFixed(2));
      li.dataset.id = r.id;
      li.onclick = () => review(r).catch(fail);
      list.append(li);
    }
    if (!d.reviewQueue.edges.length) list.append(el('li', 'no open reviews', 'hint'));
  } catch (e) { fail(e); }
}

/** One review: both records, the waterfall, and the decision buttons. */
async function review(r) {
  const pane = $('score');
  pane.replaceChildren(el('h2', 'Are these one?'));
  if (!r.a || !r.b) { pane.append(el('p', 'One of the two has been erased.')); return; }
  pane.append(el('p', nameOf(r.a) + ' (' + r.a.id + ') and ' + nameOf(r.b) + ' (' + r.b.id + ')'));
  await waterfall(pane, r.a.id, r.b.id);
  const confirmB = el('button', 'Confirm: one ' + r.kind.toLowerCase(), 'act');
  const rejectB = el('button', 'Reject: different', 'act');
  confirmB.id = 'review-confirm';
  rejectB.id = 'review-reject';
  confirmB.onclick = () => decide(`mutation($id: ID!) { confirmMatch(reviewId: $id) { ...Decided } }`, { id: r.id });
  rejectB.onclick = () => decide(`mutation($id: ID!, $why: String) { rejectMatch(reviewId: $id, reason: $why) { ...Decided } }`,
    { id: r.id, why: 'rejected in the explorer' });
  pane.append(confirmB, rejectB);
}

const DECIDED = ` fragment Decided on MatchPayload { __typename ... on MatchDecided { survivor { id } other { id } }
  ... on MatchRefused { code message } }`;

async function decide(mutation, variables) {
  try {
    const d = await gql(mutation + DECIDED, variables);
    const out = Object.values(d)[0];
    const pane = $('score');
    if (out.__typename === 'MatchRefused') { pane.append(el('p', 'Refused: ' + out.message, 'refused')); return; }
    pane.append(el('p', 'Done.' + (out.survivor ? ' Now ' + out.survivor.id + (out.other ? ' and ' + out.other.id : '') + '.' : ''), 'decided'));
    await reviews();
    if (out.survivor) await centre(out.survivor.id, true);
  } catch (e) { fail(e); }
}

/** The match waterfall of two records: the prior, each field's contribution and the total, as bars around zero. */
async function waterfall(pane, aId, bId) {
  const d = await gql(`query($a: ID!, $b: ID!) { matchExplanation(aId: $a, bId: $b) { prior weight probability decision veto namesSwapped
    factors { name level valueA valueB contribution sentence } } }`, { a: aId, b: bId });
  const x = d.matchExplanation;
  const rows = [['prior', x.prior, 'before any field is compared']].concat(x.factors.map(f => [f.name, f.contribution, f.sentence]));
  rows.push(['total', x.weight, 'match probability ' + x.probability.toFixed(4) + ' → ' + x.decision + (x.veto ? ' (veto: ' + x.veto + ')' : '')]);
  const scale = Math.max(4, ...rows.map(r => Math.abs(r[1])));
  const table = el('table', null, 'waterfall');
  for (const [name, value, sentence] of rows) {
    const tr = el('tr');
    tr.dataset.factor = name;
    const axis = el('td', null, 'axis');
    const bar = el('span', null, 'wbar' + (value < 0 ? ' neg' : '') + (name === 'total' ? ' total' : ''));
    const w = Math.abs(value) / scale * 50;
    bar.style.width = w + '%';
    bar.style.left = (value < 0 ? 50 - w : 50) + '%';
    axis.append(el('span', null, 'zero'), bar);
    tr.append(el('td', name), axis, el('td', (value >= 0 ? '+' : '') + value.toFixed(2)), el('td', sentence));
    table.append(tr);
  }
  pane.append(el('h3', 'Why these are one (match weights, log2 odds)'), table);
  if (x.namesSwapped) pane.append(el('p', 'Given name and surname were compared crosswise.', 'hint'));
  return x;
}

/** For a contact or account: what it is known by, the records it came from, and the records merged into it. */
async function merges(pane, id, label) {
  if (label !== 'Contact' && label !== 'Account') return;
  const d = await gql(`query($id: ID!) { node(id: $id) { ... on ${label} { id aliases { kind value decision }
    sourceRecords { id source sourceId kind position ingestedAt } } } }`, { id });
  const n = d.node;
  if (!n) return;
  const box = el('section', null, 'panel');
  box.id = 'merge-view';
  box.append(el('h3', 'Known as'));
  const ul = el('ul');
  for (const a of n.aliases) ul.append(el('li', a.kind + ': ' + a.value + (a.decision ? ' (' + a.decision + ')' : '')));
  if (!n.aliases.length) ul.append(el('li', 'no other keys or ids', 'hint'));
  box.append(ul, el('h3', 'Source records'));
  const src = el('ul');
  for (const r of n.sourceRecords) src.append(el('li', r.source + ' ' + r.sourceId + (r.position ? ' at ' + r.position : '') + ', ' + r.ingestedAt.slice(0, 10)));
  box.append(src);
  pane.append(box);
  for (const a of n.aliases.filter(a => a.kind === 'id')) {
    const part = el('div', null, 'merged');
    part.dataset.merged = a.value;
    part.append(el('h3', 'Merged from ' + a.value));
    box.append(part);
    await waterfall(part, n.id, a.value);
    if (may(MANAGING)) {
      const split = el('button', 'Split ' + a.value + ' off again', 'act split');
      split.onclick = () => decide(`mutation($id: ID!, $m: ID) { splitEntity(id: $id, mergedId: $m) { ...Decided } }`, { id: n.id, m: a.value });
      part.append(split);
    }
  }
}

// ------------------------------------------------------------------ process view

async function process() {
  const d = await gql(`{ pipeline(dealsPerStage: 12) { stage open finishedStays typicalDays slowDays stalled
    deals { deal { id name owner amount currency } daysInStage ratio stalled } } }`);
  const pane = $('score');
  pane.replaceChildren(el('h2', 'Where deals stall'),
    el('p', 'Open deals by stage, longest in the stage first. The bar is the days in the stage; the mark is the typical stay (median of deals that moved on); red: longer than 9 in 10 of them.', 'hint'));
  for (const st of d.pipeline) {
    const box = el('div', null, 'stage');
    box.dataset.stage = st.stage;
    box.append(el('h4', st.stage.toLowerCase() + ': ' + st.open + ' open, ' + st.stalled + ' stalled'
      + (st.typicalDays === null ? ' (too few finished stays for a typical figure)' : ', typical ' + st.typicalDays + ' days, slow after ' + st.slowDays)));
    const scale = Math.max(1, ...st.deals.map(x => x.daysInStage), st.slowDays || 0);
    for (const x of st.deals) {
      if (!x.deal) continue;
      const row = el('div', null, 'deal-row');
      row.dataset.id = x.deal.id;
      row.dataset.stalled = x.stalled;
      row.title = x.daysInStage + ' days in ' + st.stage.toLowerCase() + (x.ratio ? ' (' + x.ratio + '× typical)' : '');
      const bar = el('div', null, 'days');
      const fill = el('span', null, 'fill' + (x.stalled ? ' stalled' : ''));
      fill.style.width = (x.daysInStage / scale * 100) + '%';
      bar.append(fill);
      if (st.typicalDays !== null) {
        const mark = el('span', null, 'typical');
        mark.style.left = (st.typicalDays / scale * 100) + '%';
        bar.append(mark);
      }
      row.append(el('span', x.deal.name + ' · ' + Math.round(x.daysInStage) + ' d'), bar);
      row.onclick = () => centre(x.deal.id);
      box.append(row);
    }
    pane.append(box);
  }
}

// ------------------------------------------------------------------ the graph

const cy = cytoscape({
  container: $('graph'),
  style: [
    { selector: 'node', style: { 'background-color': 'data(colour)', 'label': 'data(caption)', 'font-size': 9, 'text-valign': 'bottom',
      'text-margin-y': 3, 'width': 18, 'height': 18, 'min-zoomed-font-size': 7 } },
    { selector: 'node.centre', style: { 'width': 28, 'height': 28, 'border-width': 3, 'border-color': '#1d232a' } },
    { selector: 'node.evidence', style: { 'border-width': 4, 'border-color': '#f1c40f' } },
    { selector: 'edge', style: { 'width': 1.2, 'line-color': '#b3bcc5', 'target-arrow-color': '#b3bcc5', 'target-arrow-shape': 'triangle',
      'curve-style': 'bezier', 'label': 'data(type)', 'font-size': 7, 'color': '#6b7682', 'min-zoomed-font-size': 9 } },
    { selector: 'edge.evidence', style: { 'line-color': '#f1c40f', 'target-arrow-color': '#f1c40f', 'width': 3 } },
    { selector: 'node.selected', style: { 'border-width': 3, 'border-color': '#e74c3c' } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#8e44ad' } },
    { selector: 'edge.path', style: { 'line-color': '#8e44ad', 'target-arrow-color': '#8e44ad', 'width': 3 } },
    { selector: '.filtered', style: { 'display': 'none' } }
  ],
  layout: { name: 'grid' }
});
window.cy = cy; // for people poking at it from the console, and for the browser test

async function neighbourhood(id) {
  const d = await gql(`query($id: ID!, $depth: Int, $prov: Boolean) { neighborhood(id: $id, depth: $depth, limit: 200, includeProvenance: $prov) {
    nodes { id label displayName depth properties } relationships { id type startId endId } truncated } }`,
  { id, depth: Number($('depth').value), prov: $('provenance').checked });
  return d.neighborhood;
}

/**
 * Adds nodes and relationships not yet drawn and lays the picture out in rings by hops from the centre: a force
 * layout took 1.3–2.4 s for 200 nodes on a 2-core machine, rings take milliseconds and read as distance.
 * {@code base}: the hop of the node the subgraph was fetched around (0 for the centre).
 */
function add(sub, base) {
  const els = [];
  const hop = base || 0;
  for (const n of sub.nodes) {
    if (!cy.getElementById(n.id).length) {
      const at = n.properties && n.properties.occurredAt ? Date.parse(n.properties.occurredAt) : NaN;
      els.push({ group: 'nodes', data: { id: n.id, label: n.label, caption: n.displayName, colour: COLOURS[n.label] || '#7f8c8d',
        at: isNaN(at) ? null : at, hop: hop + (n.depth || 0) } });
    }
  }
  for (const r of sub.relationships) {
    if (!cy.getElementById(r.id).length) {
      els.push({ group: 'edges', data: { id: r.id, source: r.startId, target: r.endId, type: r.type } });
    }
  }
  cy.add(els);
  $('truncated').textContent = sub.truncated ? 'truncated: more nodes than shown' : '';
  kinds();
  filter();
  cy.layout({ name: 'concentric', animate: false, concentric: n => 100 - n.data('hop'), levelWidth: () => 1, minNodeSpacing: 28,
    startAngle: 3 / 2 * Math.PI }).run();
}

/** A checkbox per kind of node drawn; unchecking hides that kind (and its edges). */
const hiddenKinds = new Set();
function kinds() {
  const box = $('kinds');
  box.replaceChildren();
  const labels = [...new Set(cy.nodes().map(n => n.data('label')))].sort();
  for (const l of labels) {
    const lab = el('label');
    const cb = el('input');
    cb.type = 'checkbox';
    cb.checked = !hiddenKinds.has(l);
    cb.dataset.kind = l;
    cb.onchange = () => { if (cb.checked) hiddenKinds.delete(l); else hiddenKinds.add(l); filter(); };
    const sw = el('span', null, 'swatch');
    sw.style.background = COLOURS[l] || '#7f8c8d';
    lab.append(cb, sw, document.createTextNode(l + ' ' + cy.nodes().filter(n => n.data('label') === l).length));
    box.append(lab);
  }
}

/** Hides nodes of unchecked kinds and events older than the time window before the newest event drawn. */
function filter() {
  const days = Number($('window').value);
  const times = cy.nodes().map(n => n.data('at')).filter(t => t !== null);
  const newest = times.length ? Math.max(...times) : 0;
  cy.batch(() => {
    cy.nodes().forEach(n => {
      const old = days > 0 && n.data('at') !== null && n.data('at') < newest - days * 86400000;
      n.toggleClass('filtered', hiddenKinds.has(n.data('label')) || old);
    });
  });
}

async function centre(id, keepPanel) {
  $('error').textContent = '';
  const started = performance.now();
  try {
    const sub = await neighbourhood(id);
    const answered = performance.now();
    if (!sub) { fail(new Error('No node ' + id + ' (or not within this key\'s reach)')); return; }
    cy.elements().remove();
    add(sub);
    centreId = sub.nodes.length ? sub.nodes[0].id : id; // a merged-away id is drawn as its survivor
    cy.getElementById(centreId).addClass('centre');
    // From the click to the drawn graph (request, layout and render): the figure ExplorePageTest prints.
    const laidOut = performance.now();
    requestAnimationFrame(() => {
      window.lastPaint = { nodes: cy.nodes().length, ms: performance.now() - started, request: answered - started, layout: laidOut - answered };
    });
    const c = sub.nodes[0];
    $('centre').textContent = c ? c.label + ': ' + c.displayName : id;
    select(null);
    if (c && !keepPanel) await details(c.id, c.label);
  } catch (e) { fail(e); }
}

/** The right-hand panel for a node: its score (if it has one), then for contacts and accounts the merge view. */
async function details(id, label) {
  if (SCORED[label]) await score(id, label);
  else { $('score').replaceChildren(el('h2', label), el('p', 'No score for a ' + label.toLowerCase() + '.', 'hint')); shown = null; }
  await merges($('score'), id, label);
}

function select(node) {
  cy.nodes().removeClass('selected');
  selected = node ? { id: node.id(), label: node.data('label'), caption: node.data('caption') } : null;
  if (node) node.addClass('selected');
  $('selected').textContent = selected ? selected.label + ': ' + selected.caption : 'none';
  $('path').disabled = !selected || selected.id === centreId;
  const wi = $('whatif');
  if (wi) wi.disabled = !selected || !shown || selected.id === shown.id;
}

cy.on('tap', 'node', ev => {
  select(ev.target);
  const label = ev.target.data('label');
  if (SCORED[label] || label === 'Contact' || label === 'Account') details(ev.target.id(), label).catch(fail);
});
cy.on('dbltap', 'node', async ev => {
  try { add(await neighbourhood(ev.target.id()), ev.target.data('hop')); } catch (e) { fail(e); }
});

// ------------------------------------------------------------------ why this score

async function score(id, label) {
  const d = await gql(`query($id: ID!) { node(id: $id) { ... on ${label} { id name score { kind probability band trend
    history { day probability }
    explanation { summary modelNote baseProbability
      up { feature label sentence probabilityPoints evidence { nodes { id label displayName at } relationships { type startId endId } } }
      down { feature label sentence probabilityPoints evidence { nodes { id label displayName at } relationships { type startId endId } } } } } } } }`, { id });
  const n = d.node;
  const pane = $('score');
  pane.replaceChildren();
  shown = null;
  if (!n || !n.score) { pane.append(el('p', 'No score for ' + id)); return; }
  shown = { id: n.id, label, kind: n.score.kind };
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
  const wi = el('button', 'What if without the selected node?', 'act');
  wi.id = 'whatif';
  wi.disabled = !selected || selected.id === shown.id;
  wi.onclick = () => whatIf().catch(fail);
  pane.append(wi, el('p', null, 'whatif'));
}

/** The score with and without the selected node (a ticket, an email, an invoice…), both from the live graph. */
async function whatIf() {
  const d = await gql(`query($kind: ScoreKind!, $id: ID!, $without: ID!) { whatIf(kind: $kind, id: $id, without: $without) {
    __typename ... on WhatIf { before { probability } after { probability } delta sentence } ... on ScoreRefused { code message } } }`,
  { kind: shown.kind, id: shown.id, without: selected.id });
  const w = d.whatIf;
  const out = $('score').querySelector('p.whatif');
  out.textContent = w.__typename === 'ScoreRefused' ? 'Cannot say: ' + w.message
    : 'Without ' + selected.caption + ': ' + w.before.probability.toFixed(2) + ' → ' + w.after.probability.toFixed(2) + '. ' + w.sentence;
}

/** The shortest paths from the centre to the selected node, added to the picture and lit up. */
async function path() {
  const d = await gql(`query($a: ID!, $b: ID!) { path(fromId: $a, toId: $b, maxHops: 4, limit: 3) { length
    nodes { id label displayName depth properties } relationships { id type startId endId } } }`, { a: centreId, b: selected.id });
  cy.elements().removeClass('path');
  if (!d.path.length) { $('path-result').textContent = 'no path of 4 hops or fewer'; return; }
  for (const p of d.path) {
    add({ nodes: p.nodes, relationships: p.relationships, truncated: false }, 0);
    for (const n of p.nodes) cy.getElementById(n.id).addClass('path');
    for (const r of p.relationships) cy.getElementById(r.id).addClass('path');
  }
  $('path-result').textContent = d.path.length + ' shortest path' + (d.path.length > 1 ? 's' : '') + ' of ' + d.path[0].length + ' hops';
}

/**
 * Lights up a reason's evidence paths. Evidence beyond the drawn neighbourhood is added first, so what is lit is
 * exactly the evidence the API gave, however far it reaches.
 */
function highlight(paths) {
  cy.elements().removeClass('evidence');
  const missing = { nodes: [], relationships: [], truncated: false };
  for (const p of paths) {
    const from = p.nodes.length ? cy.getElementById(p.nodes[0].id) : cy.collection();
    const base = from.length ? from.data('hop') : 0;
    p.nodes.forEach((n, i) => {
      if (!cy.getElementById(n.id).length) {
        missing.nodes.push({ id: n.id, label: n.label, displayName: n.displayName, depth: base + i, properties: { occurredAt: n.at } });
      }
    });
    for (const r of p.relationships) {
      if (!edgeOf(r).length) missing.relationships.push({ id: 'evidence:' + r.type + ':' + r.startId + ':' + r.endId, type: r.type, startId: r.startId, endId: r.endId });
    }
  }
  if (missing.nodes.length || missing.relationships.length) add(missing);
  for (const p of paths) {
    for (const n of p.nodes) cy.getElementById(n.id).addClass('evidence').removeClass('filtered');
    for (const r of p.relationships) edgeOf(r).addClass('evidence');
  }
}

function edgeOf(r) {
  return cy.edges().filter(e => e.data('type') === r.type
    && ((e.data('source') === r.startId && e.data('target') === r.endId) || (e.data('source') === r.endId && e.data('target') === r.startId)));
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
$('window').onchange = () => filter();
$('path').onclick = () => path().catch(fail);
$('process-open').onclick = () => process().catch(fail);
if (key) connect();
}
