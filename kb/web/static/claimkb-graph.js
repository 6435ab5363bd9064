// Draws a claimkb graph (Cytoscape.js JSON from graph.json) with the vendored
// Cytoscape.js. Node and edge text is only ever set as text, never as HTML.
(function () {
  const container = document.getElementById("claimkb-graph");
  if (!container) return;
  const details = document.getElementById("claimkb-graph-details");
  const FAITHFUL = new Set(["verbatim", "paraphrase"]);
  const COLOURS = {
    claim: "#3a7bbf", article: "#8c6d1f", outlet: "#555555",
    speaker: "#2e9e44", family: "#7a3fb0", source: "#c07a00",
  };
  const SHAPES = { claim: "ellipse", article: "round-rectangle", outlet: "hexagon",
                   speaker: "diamond", family: "star", source: "triangle" };
  const SHOWN = ["label", "kind", "text", "title", "name", "published", "url", "cue", "hedge",
                 "speaker_mention", "relation", "score", "size", "outlets", "first_seen", "domain"];

  function show(element) {
    const data = element.data();
    details.replaceChildren();
    const heading = document.createElement("h3");
    heading.textContent = (data.type || "edge") + (data.relation ? ": " + data.relation : "");
    const list = document.createElement("dl");
    for (const key of SHOWN) {
      if (data[key] === undefined || key === "label" && data.text) continue;
      const term = document.createElement("dt");
      term.textContent = key;
      const value = document.createElement("dd");
      value.textContent = typeof data[key] === "object" ? JSON.stringify(data[key]) : String(data[key]);
      list.append(term, value);
    }
    if (data.evidence) {
      const term = document.createElement("dt");
      term.textContent = "evidence";
      const value = document.createElement("dd");
      value.textContent = JSON.stringify(data.evidence);
      list.append(term, value);
    }
    details.append(heading, list);
    const [type, ...rest] = String(data.id).split("-");
    const key = rest.join("-");
    const links = [];
    if (type === "family") links.push(["Family page", container.dataset.base + "/family/" + encodeURIComponent(key)]);
    if (type === "speaker" || type === "article") {
      links.push(["Graph of this " + type, container.dataset.base + "/graph?" + type + "=" + encodeURIComponent(key)]);
    }
    const tables = { claim: "claims", article: "articles", speaker: "speakers", outlet: "outlets", family: "families" };
    if (tables[type]) links.push(["Row", container.dataset.rows + "/" + tables[type] + "/" + encodeURIComponent(key)]);
    for (const [text, href] of links) {
      const link = document.createElement("a");
      link.href = href;
      link.textContent = text;
      details.append(link, document.createElement("br"));
    }
  }

  fetch(container.dataset.src)
    .then((response) => {
      if (!response.ok) throw new Error(response.status + " " + response.statusText);
      return response.json();
    })
    .then((graph) => {
      const elements = graph.elements || { nodes: [], edges: [] };
      if (graph.note) {
        const note = document.getElementById("claimkb-graph-capped");
        note.textContent = graph.note;
        note.hidden = false;
      }
      if (!elements.nodes.length) {
        document.getElementById("claimkb-graph-empty").hidden = false;
        container.hidden = true;
        document.body.dataset.graphNodes = "0";
        return;
      }
      const cy = cytoscape({
        container,
        elements,
        wheelSensitivity: 0.3,
        style: [
          { selector: "node", style: {
              "background-color": (n) => COLOURS[n.data("type")] || "#999",
              shape: (n) => SHAPES[n.data("type")] || "ellipse",
              label: "data(label)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 140,
              width: (n) => n.data("type") === "claim" ? 18 : 26,
              height: (n) => n.data("type") === "claim" ? 18 : 26 } },
          { selector: "edge", style: {
              width: 1.5, "line-color": "#bbb", "target-arrow-color": "#bbb",
              "target-arrow-shape": "triangle", "curve-style": "bezier" } },
          { selector: "edge[type = 'same_claim']", style: {
              width: 3, label: "data(relation)", "font-size": 8, "text-rotation": "autorotate",
              "line-color": (e) => FAITHFUL.has(e.data("relation")) ? "#2e9e44" : "#d03b3b",
              "target-arrow-color": (e) => FAITHFUL.has(e.data("relation")) ? "#2e9e44" : "#d03b3b" } },
          { selector: "edge[type = 'derived_from']", style: {
              width: 3, "line-style": "dashed", label: "data(label)", "font-size": 8 } },
          { selector: ":selected", style: { "border-width": 3, "border-color": "#000" } },
        ],
        layout: { name: "cose", animate: false, padding: 30, nodeRepulsion: () => 400000,
                  idealEdgeLength: () => 90, nodeOverlap: 20, componentSpacing: 80 },
      });
      cy.on("tap", "node, edge", (event) => show(event.target));
      // For people and for the browser tests: how many nodes were drawn.
      document.body.dataset.graphNodes = String(cy.nodes().length);
    })
    .catch((error) => {
      details.textContent = "Could not load the graph: " + error.message;
      document.body.dataset.graphNodes = "error";
    });
})();
