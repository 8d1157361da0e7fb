/* Explorers of the calculus page: gradient ascent on the objective
 * J(θ) = −(θ − θ*)² + J_max with a chosen learning rate, and the gradient
 * of J(θ₁, θ₂) at a chosen point.
 *
 * The page's build writes the objective's constants into data attributes
 * of a .ascent-explorer element (from snippets/calculus_basics.py). This
 * script repeats the Python arithmetic in the same order and prints numbers
 * as snippets/values.py's format_number("auto") does, rounding the exact
 * binary value half to even, so every digit matches the Python code.
 */
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";

  /* ---- the words ------------------------------------------------------ */

  // Every text a reader sees or hears, in the original language; {name}
  // is filled in with a number already printed by formatNumber. Another
  // edition's words come with its page (the build writes them from the
  // edition's word table, docs/<code>/words.yml, as JSON in
  // #appendix-words) and replace these key by key. The regime names in
  // data-regime are not words for readers and stay the same.
  const WORDS = {
    start: "Start θ₀",
    rate: "Learning rate α",
    steps: "Steps",
    names: { theta0: "θ₀", alpha: "α", steps: "The steps" },
    slider: "{label} slider",
    table: "Steps of gradient ascent",
    titles: { "stays": "Stays.", "converges": "Converges.",
      "one step": "One step.", "oscillates": "Oscillates.",
      "cycles": "Cycles.", "diverges": "Diverges." },
    regimes: {
      "stays": "With α = 0 the parameter never moves.",
      "converges": "Each step multiplies the distance to θ* = {star} by " +
        "{f}: θ approaches the optimum from one side.",
      "one step": "The factor is {f}: the first step lands exactly on " +
        "θ* = {star}.",
      "oscillates": "The factor {f} is negative: θ jumps to the other " +
        "side of {star} at every step, but the jumps shrink, so it still " +
        "converges.",
      "cycles": "The factor is {f}: θ jumps back and forth between the " +
        "same two points for ever.",
      "diverges": "The factor {f} is larger than 1 in size: every jump " +
        "overshoots further and θ runs away (here α > {limit}).",
    },
    hint: "One step reaches the optimum at α = {oneStep}; ascent " +
      "diverges for α > {limit}.",
    sentenceGap: " ",
    wantedNumber: "{name} must be a number from {min} to {max}",
    wantedWhole: "{name} must be a whole number from {min} to {max}",
    badInput: "Not a number: {wanted}.",
    notNumber: "“{text}” is not a number: {wanted}.",
    empty: "Empty: {wanted}.",
    tooLarge: "{text} is too large: {wanted}.",
    outOfRange: "{value} is out of range: {wanted}.",
    notWhole: "{value} is not whole: {wanted}.",
    plot: "J(θ) with {points} points of gradient ascent",
    plotPartly: "J(θ) with {points} points of gradient ascent, {left} " +
      "of them off the plot",
    noPlot: "No plot: a setting is invalid",
    noResult: "No result: correct the setting marked above.",
    noGradient: "No gradient: correct the point marked above.",
    noPoint: "No plot: the point is invalid",
    readout: "At ({t1}, {t2}) the gradient is ∇J = ({g1}, {g2}); one " +
      "step with α = {alpha} goes to ({a1}, {a2}).",
    contours: "Contours of J around its maximum at ({optimum}), the " +
      "gradient at ({t1}, {t2}) as an arrow, and the point one step later",
  };

  // `table` with `other`'s words laid over it, key by key.
  function overlay(table, other) {
    const merged = { ...table };
    for (const [key, value] of Object.entries(other || {})) {
      merged[key] = typeof table[key] === "object" ?
        overlay(table[key], value) : value;
    }
    return merged;
  }

  // chosen once: the script runs anew on every page that has an explorer
  const given = typeof document === "undefined" ? null :
    document.getElementById("appendix-words");
  const words = overlay(WORDS,
    given ? JSON.parse(given.dataset.words).explorer : null);

  // Chinese and Japanese put a space between a CJK character and a Latin
  // or Greek letter or a digit: where a filled-in value meets the text.
  const CJK = /[\u3040-\u30ff\u3400-\u9fff]/;
  const LETTER = /[0-9A-Za-z\u0370-\u03ff\u2080-\u209f−-]/;
  function gap(before, after) {
    return before && after && ((CJK.test(before) && LETTER.test(after)) ||
      (LETTER.test(before) && CJK.test(after))) ? " " : "";
  }

  // A template with each {name} filled in from `values`.
  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, (match, name, offset, text) => {
      if (!(name in values)) return match;
      const value = String(values[name]);
      return gap(text[offset - 1], value[0]) + value +
        gap(value[value.length - 1], text[offset + match.length]);
    });
  }

  /* ---- numbers printed exactly as Python prints them ---------------- */

  // The exact value of a finite double as digits × 10^exponent.
  function exactDecimal(x) {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const high = view.getUint32(0);
    const biased = (high >>> 20) & 0x7ff;
    let mantissa =
      (BigInt(high & 0xfffff) << 32n) | BigInt(view.getUint32(4));
    let power = -1074;
    if (biased !== 0) {
      mantissa |= 1n << 52n;
      power = biased - 1075;
    }
    if (power >= 0) return { digits: mantissa << BigInt(power), exponent: 0 };
    return { digits: mantissa * 5n ** BigInt(-power), exponent: power };
  }

  // round(digits × 10^exponent × 10^places) to an integer, half to even.
  function roundScaled(value, places) {
    const shift = value.exponent + places;
    if (shift >= 0) return value.digits * 10n ** BigInt(shift);
    const unit = 10n ** BigInt(-shift);
    const quotient = value.digits / unit;
    const twice = 2n * (value.digits % unit);
    if (twice > unit || (twice === unit && quotient % 2n === 1n)) {
      return quotient + 1n;
    }
    return quotient;
  }

  // "digits" with a decimal point "places" from the right.
  function placePoint(integer, places) {
    let text = integer.toString();
    if (places <= 0) return text + "0".repeat(-places);
    text = text.padStart(places + 1, "0");
    return text.slice(0, -places) + "." + text.slice(-places);
  }

  const sign = (x) => (x < 0 || Object.is(x, -0) ? "-" : "");

  // Python: round(x, places), a float again.
  function roundTo(x, places) {
    const integer = roundScaled(exactDecimal(Math.abs(x)), places);
    return Number(sign(x) + placePoint(integer, places));
  }

  const SIGNIFICANT = 12;
  const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  const superscript = (n) => (n < 0 ? "⁻" : "") +
    [...String(Math.abs(n))].map((d) => SUPERSCRIPT[Number(d)]).join("");
  const trimZeros = (text) =>
    text.includes(".") ? text.replace(/\.?0+$/, "") : text;

  // Python: snippets.values.format_number(x) (format "auto"): 12
  // significant digits, positional from 1e-6 up to 1e12, else m×10ⁿ.
  function formatNumber(x) {
    const value = exactDecimal(Math.abs(x));
    if (value.digits === 0n) return "0";
    let power = value.digits.toString().length - 1 + value.exponent;
    let integer = roundScaled(value, SIGNIFICANT - 1 - power);
    if (integer.toString().length > SIGNIFICANT) { // 9.99… became 10
      power += 1;
      integer = roundScaled(value, SIGNIFICANT - 1 - power);
    }
    if (power >= -6 && power < 12) {
      const places = SIGNIFICANT - 1 - power;
      return sign(x) + trimZeros(placePoint(integer, places));
    }
    const mantissa = trimZeros(placePoint(integer, SIGNIFICANT - 1));
    const tens = "10" + superscript(power);
    return sign(x) + (mantissa === "1" ? tens : `${mantissa}×${tens}`);
  }

  // A number as the reader sees it: Python's digits, with the page's
  // minus sign (U+2212), not a hyphen.
  const shown = (x) => formatNumber(x).replace(/^-/, "\u2212");

  /* ---- the objective, as in snippets/calculus_basics.py -------------- */

  function model(data) {
    const thetaStar = Number(data.thetaStar);
    const jMax = Number(data.jMax);
    const curvature = Number(data.curvature);
    const J = (theta) => -((theta - thetaStar) ** 2) + jMax;
    const dJ = (theta) => -2 * (theta - thetaStar);
    const factor = (alpha) => roundTo(1 + alpha * curvature, 12);
    function regime(alpha) {
      const f = factor(alpha);
      if (Math.abs(f) > 1) return "diverges";
      if (f === -1) return "cycles";
      if (f === 1) return "stays";
      if (f < 0) return "oscillates";
      return f === 0 ? "one step" : "converges";
    }
    function rows(theta, alpha, steps) {
      const table = [];
      for (let t = 0; t < steps; t += 1) {
        const grad = dJ(theta);
        const after = theta + alpha * grad;
        table.push({ t, theta, grad, after, value: J(after) });
        theta = after;
      }
      return table;
    }
    return { thetaStar, jMax, curvature, J, factor, regime, rows };
  }

  function verdict(m, alpha) {
    const f = shown(m.factor(alpha));
    const star = shown(m.thetaStar);
    const oneStep = shown(-1 / m.curvature);
    const limit = shown(-2 / m.curvature);
    const regime = m.regime(alpha);
    const text = [words.titles[regime],
      say(words.regimes[regime], { f, star, limit }),
      say(words.hint, { oneStep, limit })].join(words.sentenceGap);
    return { regime, text };
  }

  /* ---- what a field may hold ---------------------------------------- */

  // A field's text as a number within [min, max] (a whole number if
  // `whole`), or the reason it is refused. Nothing is ever substituted.
  function check(text, name, [min, max], whole = false, badInput = false) {
    const wanted = say(whole ? words.wantedWhole : words.wantedNumber,
      { name, min: shown(min), max: shown(max) });
    const numeric = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
    // the browser empties a number field whose text is not a number
    if (badInput) return { error: say(words.badInput, { wanted }) };
    if (text.trim() !== "" && !numeric.test(text.trim())) {
      return { error: say(words.notNumber, { text, wanted }) };
    }
    if (text.trim() === "") return { error: say(words.empty, { wanted }) };
    const value = Number(text);
    if (!Number.isFinite(value)) {
      return { error: say(words.tooLarge, { text, wanted }) };
    }
    if (value < min || value > max) {
      return { error: say(words.outOfRange,
        { value: shown(value), wanted }) };
    }
    if (whole && !Number.isInteger(value)) {
      return { error: say(words.notWhole,
        { value: shown(value), wanted }) };
    }
    return { value };
  }

  // Mark `field` valid or not, with its message in `note` (which the
  // field names in aria-describedby); returns the number or null.
  function validate(field, note, name, limits, whole = false) {
    const result = check(field.value, name, limits, whole,
      field.validity.badInput);
    if (result.error === undefined) {
      field.removeAttribute("aria-invalid");
      note.textContent = "";
      note.hidden = true;
      return result.value;
    }
    field.setAttribute("aria-invalid", "true");
    note.textContent = result.error;
    note.hidden = false;
    return null;
  }

  /* ---- the learning-rate explorer ------------------------------------ */

  let count = 0;

  function element(tag, attributes = {}, text = "") {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      node.setAttribute(key, value);
    }
    if (text) node.textContent = text;
    return node;
  }

  function control(root, key, label, min, max, step, value) {
    const id = `explorer-${count}-${key}`;
    const row = element("div", { class: "ascent-explorer__control" });
    row.append(element("label", { for: id }, label));
    const range = element("input", {
      type: "range", id: `${id}-range`, min, max, step, value,
      "aria-label": say(words.slider, { label }),
    });
    const field = element("input", {
      type: "number", id, min, max, step, value, inputmode: "decimal",
      "data-setting": key, "aria-describedby": `${id}-note`,
    });
    const note = element("p", { id: `${id}-note`,
      class: "explorer__note", hidden: "" });
    range.addEventListener("input", () => {
      field.value = range.value;
      root.dispatchEvent(new Event("explorer:change"));
    });
    field.addEventListener("input", () => {
      root.dispatchEvent(new Event("explorer:change"));
    });
    row.append(range, field, note);
    return { row, field, range, note, limits: [Number(min), Number(max)] };
  }

  function svgNode(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes)) {
      node.setAttribute(key, value);
    }
    return node;
  }

  function plot(svg, m, table, limits) {
    const width = 320, height = 170, pad = 24;
    const points = [table[0].theta, ...table.map((row) => row.after)];
    // show the optimum's neighbourhood and the path, within the limits
    const low = Math.max(limits[0], Math.min(m.thetaStar - 0.6, ...points));
    const high = Math.min(limits[1], Math.max(m.thetaStar + 0.6, ...points));
    const bottom = Math.min(m.J(low), m.J(high));
    const x = (theta) =>
      pad + ((theta - low) / (high - low)) * (width - 2 * pad);
    const y = (value) => height - pad -
      ((value - bottom) / (m.jMax - bottom)) * (height - 2 * pad);
    svg.replaceChildren();
    svg.append(svgNode("line", { x1: pad, y1: height - pad, x2: width - pad,
      y2: height - pad, class: "axis" }));
    svg.append(svgNode("line", { x1: x(m.thetaStar), y1: pad / 2,
      x2: x(m.thetaStar), y2: height - pad, class: "optimum" }));
    let curve = "";
    for (let i = 0; i <= 80; i += 1) {
      const theta = low + ((high - low) * i) / 80;
      curve += `${i ? "L" : "M"}${x(theta).toFixed(1)},` +
        `${y(m.J(theta)).toFixed(1)}`;
    }
    svg.append(svgNode("path", { d: curve, class: "curve" }));
    const inside = points.filter((theta) => theta >= low && theta <= high);
    let path = "";
    inside.forEach((theta, i) => {
      path += `${i ? "L" : "M"}${x(theta).toFixed(1)},` +
        `${y(m.J(theta)).toFixed(1)}`;
    });
    svg.append(svgNode("path", { d: path, class: "path" }));
    points.forEach((theta, t) => {
      if (theta < low || theta > high) return;
      svg.append(svgNode("circle", { cx: x(theta).toFixed(1),
        cy: y(m.J(theta)).toFixed(1), r: t ? 3 : 4, class: "point" }));
    });
    const label = (text, px, py, anchor) => {
      const node = svgNode("text", { x: px, y: py, "text-anchor": anchor });
      node.textContent = text;
      svg.append(node);
    };
    label(shown(low), pad, height - 8, "start");
    label(shown(high), width - pad, height - 8, "end");
    label(`θ* = ${shown(m.thetaStar)}`, x(m.thetaStar), 12, "middle");
    const left = points.length - inside.length;
    svg.setAttribute("aria-label", say(left ? words.plotPartly : words.plot,
      { points: points.length, left }));
  }

  function build(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    count += 1;
    const data = root.dataset;
    const m = model(data);
    const limits = {
      theta0: [Number(data.theta0Min), Number(data.theta0Max)],
      alpha: [Number(data.alphaMin), Number(data.alphaMax)],
      steps: [Number(data.stepsMin), Number(data.stepsMax)],
    };
    const controls = element("div", { class: "ascent-explorer__controls" });
    const theta0 = control(root, "theta0", words.start, ...limits.theta0,
      "0.01", data.theta0);
    const alpha = control(root, "alpha", words.rate, ...limits.alpha,
      "0.01", data.alpha);
    const steps = control(root, "steps", words.steps, ...limits.steps, "1",
      data.steps);
    const names = [[theta0, words.names.theta0],
      [alpha, words.names.alpha], [steps, words.names.steps]];
    controls.append(theta0.row, alpha.row, steps.row);

    const verdictBox = element("p", { class: "ascent-explorer__verdict",
      "aria-live": "polite" });
    const svg = svgNode("svg", { viewBox: "0 0 320 170", role: "img",
      class: "ascent-explorer__plot" });
    const table = element("table", { class: "ascent-explorer__table" });
    const head = element("tr");
    for (const title of ["t", "θₜ", "J′(θₜ)", "θₜ₊₁", "J(θₜ₊₁)"]) {
      head.append(element("th", { scope: "col" }, title));
    }
    table.append(element("thead"), element("tbody"));
    table.tHead.append(head);
    const scroller = element("div", { class: "ascent-explorer__scroll",
      tabindex: "0", "aria-label": words.table });
    scroller.append(table);

    function update() {
      const [start, rate, stepCount] = names.map(([c, name]) =>
        validate(c.field, c.note, name, c.limits, c === steps));
      names.forEach(([c]) => {
        const value = Number(c.field.value);
        if (!c.field.hasAttribute("aria-invalid")) c.range.value = value;
        c.range.classList.toggle("is-stale",
          c.field.hasAttribute("aria-invalid"));
      });
      if ([start, rate, stepCount].includes(null)) {
        // no result from a number the reader did not give
        table.tBodies[0].replaceChildren();
        svg.replaceChildren();
        svg.setAttribute("aria-label", words.noPlot);
        verdictBox.dataset.regime = "invalid";
        verdictBox.textContent = words.noResult;
        return;
      }
      const rows = m.rows(start, rate, stepCount);
      table.tBodies[0].replaceChildren(...rows.map((row) => {
        const tr = element("tr");
        for (const cell of [String(row.t), shown(row.theta),
          shown(row.grad), shown(row.after), shown(row.value)]) {
          tr.append(element("td", {}, cell));
        }
        return tr;
      }));
      const { regime, text } = verdict(m, rate);
      verdictBox.dataset.regime = regime;
      verdictBox.textContent = text;
      plot(svg, m, rows, limits.theta0);
    }

    root.addEventListener("explorer:change", update);
    root.replaceChildren(controls, verdictBox, svg, scroller);
    update();
  }

  /* ---- the gradient of J(θ₁, θ₂) at a chosen point ------------------ */

  function buildGradient(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    count += 1;
    const read = (name) => Number(root.getAttribute(`data-${name}`));
    const optimum = [read("opt-1"), read("opt-2")];
    const alpha = read("alpha");
    const box = [[read("box-1-min"), read("box-1-max")],
      [read("box-2-min"), read("box-2-max")]];
    // as grad_J2 and ascent_step in snippets/calculus_basics.py
    const gradient = (theta) => theta.map((t, i) => -2 * (t - optimum[i]));
    const step = (theta, grad) => theta.map((t, i) => t + alpha * grad[i]);

    const size = 240, pad = 8;
    const span = Math.max(box[0][1] - box[0][0], box[1][1] - box[1][0]);
    const scale = (size - 2 * pad) / span;
    const x = (t) => pad + (t - box[0][0]) * scale;
    const y = (t) => size - pad - (t - box[1][0]) * scale;
    const svg = svgNode("svg", { viewBox: `0 0 ${size} ${size}`,
      role: "img", class: "gradient-explorer__plot" });
    const fields = element("div", { class: "gradient-explorer__fields" });
    const notes = [];
    const inputs = ["θ₁", "θ₂"].map((label, i) => {
      const id = `gradient-${count}-${i + 1}`;
      const field = element("input", { type: "number", id, step: "0.1",
        min: box[i][0], max: box[i][1], value: root.getAttribute(
          `data-theta${i + 1}`), "data-setting": `theta${i + 1}`,
        "aria-describedby": `${id}-note` });
      notes.push(element("p", { id: `${id}-note`, class: "explorer__note",
        hidden: "" }));
      fields.append(element("label", { for: id }, label), field);
      field.addEventListener("input", update);
      return field;
    });
    const readout = element("p", { class: "gradient-explorer__readout",
      "aria-live": "polite" });

    function draw(theta, grad, after) {
      svg.replaceChildren();
      for (let r = 0.5; r <= span; r += 0.5) {
        svg.append(svgNode("circle", { cx: x(optimum[0]), cy: y(optimum[1]),
          r: r * scale, class: "contour" }));
      }
      svg.append(svgNode("circle", { cx: x(optimum[0]), cy: y(optimum[1]),
        r: 4, class: "optimum" }));
      svg.append(svgNode("line", { x1: x(theta[0]), y1: y(theta[1]),
        x2: x(theta[0] + grad[0]), y2: y(theta[1] + grad[1]),
        class: "gradient", "marker-end": `url(#arrow-${count})` }));
      const marker = svgNode("marker", { id: `arrow-${count}`,
        viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6,
        markerHeight: 6, orient: "auto-start-reverse" });
      marker.append(svgNode("path", { d: "M0,0L10,5L0,10z",
        class: "arrowhead" }));
      svg.prepend(marker);
      svg.append(svgNode("circle", { cx: x(theta[0]), cy: y(theta[1]),
        r: 4, class: "start" }));
      svg.append(svgNode("circle", { cx: x(after[0]), cy: y(after[1]),
        r: 4, class: "step" }));
    }

    function update() {
      const theta = inputs.map((field, i) =>
        validate(field, notes[i], ["θ₁", "θ₂"][i], box[i]));
      if (theta.includes(null)) {
        readout.dataset.values = "[]";
        readout.textContent = words.noGradient;
        svg.replaceChildren();
        svg.setAttribute("aria-label", words.noPoint);
        return;
      }
      const grad = gradient(theta);
      const after = step(theta, grad);
      // Python's digits for the tests; the reader's sign for the text
      readout.dataset.values = JSON.stringify(
        [...grad, ...after].map(formatNumber));
      const [g1, g2, a1, a2] = [...grad, ...after].map(shown);
      const [t1, t2] = theta.map(shown);
      readout.textContent = say(words.readout,
        { t1, t2, g1, g2, alpha: shown(alpha), a1, a2 });
      svg.setAttribute("aria-label", say(words.contours,
        { optimum: optimum.map(shown).join(", "), t1, t2 }));
      draw(theta, grad, after);
    }

    svg.addEventListener("click", (event) => {
      const point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      const local = point.matrixTransform(svg.getScreenCTM().inverse());
      const theta = [box[0][0] + (local.x - pad) / scale,
        box[1][0] + (size - pad - local.y) / scale];
      theta.forEach((t, i) => {
        const snapped = Math.round(t * 10) / 10;  // tenths, as typed
        inputs[i].value = String(
          Math.min(box[i][1], Math.max(box[i][0], snapped)));
      });
      update();
    });
    root.replaceChildren(fields, ...notes, svg, readout);
    update();
  }

  function start() {
    document.querySelectorAll(".ascent-explorer").forEach(build);
    document.querySelectorAll(".gradient-explorer").forEach(buildGradient);
  }

  // Only pages with an explorer load this script, at the end of their
  // article; Material's instant navigation runs it again each time such a
  // page is shown, so it builds what is on the page now.
  // (A JavaScript engine with no page, as in the tests, has no document.)
  if (typeof document !== "undefined") {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }

  // For tests and the curious: the formatter that mirrors Python's, the
  // field check, and the words of every language.
  const global = typeof window === "undefined" ? globalThis : window;
  global.ascentExplorer = { formatNumber, check, say, words, WORDS };
})();
