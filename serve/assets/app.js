// budgetpack page: drop files, show each document's tables and findings,
// download the packs. Plain script, no framework, nothing fetched from
// elsewhere.
"use strict";

(function () {
  const token = new URLSearchParams(location.search).get("t") || "";
  const maxUpload = Number(document.querySelector('meta[name="bp-max-upload"]').content);
  const drop = document.getElementById("drop");
  const pick = document.getElementById("pick");
  const queue = document.getElementById("queue");
  const docsEl = document.getElementById("docs");
  const tpl = document.getElementById("doc-tpl");
  // the documents on the page, by department and year, for re-checks
  const shown = new Map();

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // ---- dropping and uploading ----

  ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (ev) => {
    ev.preventDefault();
    drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, () => drop.classList.remove("over")));
  // a file dropped anywhere on the page is taken (the zone's drop bubbles
  // up to here), rather than opened by the browser
  document.addEventListener("dragover", (ev) => ev.preventDefault());
  document.addEventListener("drop", (ev) => {
    ev.preventDefault();
    if (ev.dataTransfer && ev.dataTransfer.files) handleFiles(ev.dataTransfer.files);
  });
  pick.addEventListener("change", () => {
    handleFiles(pick.files);
    pick.value = "";
  });

  function handleFiles(list) {
    const files = Array.from(list);
    // two at a time: the server works on a few files at once anyway
    let next = 0;
    const worker = () => {
      if (next >= files.length) return Promise.resolve();
      const f = files[next++];
      return upload(f).then(worker);
    };
    worker();
    if (files.length > 1) worker();
  }

  function upload(file) {
    const li = el("li", "busy");
    const name = el("span", "name", file.name);
    const bar = el("progress");
    bar.max = 100;
    bar.value = 0;
    const state = el("span", "state", "上传中…");
    li.append(name, bar, state);
    queue.prepend(li);
    const fail = (msg) => {
      li.className = "error";
      bar.remove();
      state.textContent = msg;
    };
    if (file.size > maxUpload) {
      fail(file.name + ": 文件太大，超过 " + Math.round(maxUpload / 1048576) + " MB 的上限 (the file is over the limit)");
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/check?name=" + encodeURIComponent(file.name));
      xhr.setRequestHeader("X-Budgetpack-Token", token);
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.responseType = "json";
      xhr.upload.onprogress = (ev) => {
        if (ev.lengthComputable) {
          bar.value = Math.round((100 * ev.loaded) / ev.total);
          state.textContent = "上传中 " + bar.value + "%";
        }
      };
      xhr.upload.onload = () => {
        bar.removeAttribute("value"); // indeterminate while the server works
        state.textContent = "正在读取和核对…";
      };
      xhr.onload = () => {
        const body = xhr.response;
        if (xhr.status === 200 && body && body.id) {
          li.className = "done";
          bar.remove();
          const s = body.summary;
          state.textContent = "完成：错误 " + s.errors + "，警告 " + s.warnings + "，提示 " + s.infos;
          showDoc(body);
        } else {
          fail((body && body.error) || "服务器返回 " + xhr.status);
        }
        resolve();
      };
      xhr.onerror = () => {
        fail(file.name + ": 无法连接 budgetpack，请确认它仍在运行 (the server does not answer)");
        resolve();
      };
      xhr.send(file);
    });
  }

  // ---- one document ----

  function showDoc(res) {
    const root = tpl.content.firstElementChild.cloneNode(true);
    root.dataset.id = res.id;
    root.querySelector(".dept").textContent = res.department || "（未写明部门）";
    root.querySelector(".year").textContent = res.year ? res.year + " 年" : "—";
    root.querySelector(".unit").textContent = res.unit || "—";
    root.querySelector(".family").textContent = res.familyName ? res.familyName + "（" + res.family + "）" : res.family;
    root.querySelector(".file").textContent = res.file;
    const s = res.summary;
    const total = s.errors + s.warnings + s.infos;
    root.querySelector(".summary").textContent = total === 0
      ? "经核对，未发现数据差异。"
      : "共 " + total + " 条差异：错误 " + s.errors + " 条，警告 " + s.warnings + " 条，提示 " + s.infos + " 条";
    root.querySelector(".close").addEventListener("click", () => {
      root.remove();
      shown.delete(key(res));
    });

    downloads(root, res);
    const sheets = root.querySelector(".sheets");
    sheets.innerHTML = res.html; // drawn by the server's HTML writer, every text escaped
    tabs(root, res);
    findings(root, res);

    // a re-checked document (an edited workbook) takes the place of the old one
    const k = key(res);
    const old = shown.get(k);
    if (old && old.el.isConnected) {
      const o = old.res.summary;
      const note = root.querySelector(".recheck");
      note.hidden = false;
      note.textContent = "已重新核对（" + res.file + "）：错误 " + o.errors + " → " + s.errors +
        "，警告 " + o.warnings + " → " + s.warnings + "，提示 " + o.infos + " → " + s.infos;
      old.el.replaceWith(root);
    } else {
      docsEl.prepend(root);
    }
    drop.classList.add("compact");
    shown.set(k, { el: root, res: res });
  }

  function key(res) {
    return res.department + "|" + res.year + "|" + res.family;
  }

  function downloads(root, res) {
    const body = root.querySelector(".downloads tbody");
    const rows = new Map();
    res.downloads.forEach((d) => {
      let tr = rows.get(d.fix);
      if (!tr) {
        tr = el("tr");
        tr.append(el("td", null, d.fixName));
        for (let i = 0; i < 4; i++) tr.append(el("td"));
        rows.set(d.fix, tr);
        body.append(tr);
      }
      const col = (d.edition === "public" ? 1 : 3) + (d.format === "pdf" ? 1 : 0);
      const b = el("button", null, d.formatName);
      b.type = "button";
      b.title = d.file;
      b.dataset.edition = d.edition;
      b.dataset.fix = d.fix;
      b.dataset.format = d.format;
      b.addEventListener("click", () => fetchPack(b, d));
      tr.children[col].append(b);
    });
  }

  function fetchPack(b, d) {
    if (b.classList.contains("busy")) return;
    const label = b.textContent;
    b.classList.add("busy");
    b.textContent = "正在生成…";
    fetch(d.url, { headers: { "X-Budgetpack-Token": token } })
      .then((r) => r.ok ? r.blob() : r.json().then((j) => { throw new Error(j.error || r.status); }))
      .then((blob) => {
        const a = el("a");
        a.href = URL.createObjectURL(blob);
        a.download = d.file;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 60000);
      })
      .catch((e) => alert("下载失败 (download failed)：" + e.message))
      .finally(() => {
        b.classList.remove("busy");
        b.textContent = label;
      });
  }

  function tabs(root, res) {
    const nav = root.querySelector(".tabs");
    const worst = {};
    res.findings.forEach((f) => {
      if (!f.sheet) return;
      if (f.severity === "error" || !worst[f.sheet]) worst[f.sheet] = f.severity;
    });
    res.sheets.forEach((sh, i) => {
      const b = el("button", null, sh.name);
      b.type = "button";
      b.title = sh.title;
      b.dataset.sheet = sh.id;
      if (worst[sh.name] === "error") b.classList.add("has-error");
      else if (worst[sh.name] === "warning") b.classList.add("has-warning");
      b.addEventListener("click", () => showSheet(root, sh.id));
      nav.append(b);
    });
    // links inside the tables (目录, 差异附录) go to a sheet or a cell
    root.querySelector(".sheets").addEventListener("click", (ev) => {
      const a = ev.target.closest("a[href^='#']");
      if (!a) return;
      ev.preventDefault();
      goTo(root, a.getAttribute("href").slice(1));
    });
    if (res.sheets.length > 0) showSheet(root, res.sheets[Math.min(1, res.sheets.length - 1)].id);
  }

  function showSheet(root, id) {
    root.querySelectorAll(".sheet").forEach((s) => s.classList.toggle("on", s.id === id));
    root.querySelectorAll(".tabs button").forEach((b) => b.classList.toggle("on", b.dataset.sheet === id));
  }

  // goTo shows the sheet holding the element with this id, scrolls to it
  // and, for a cell, highlights it.
  function goTo(root, id) {
    const target = document.getElementById(id);
    if (!target || !root.contains(target)) return null;
    const sheet = target.closest(".sheet");
    if (sheet) showSheet(root, sheet.id);
    root.querySelectorAll("td.hl").forEach((c) => c.classList.remove("hl"));
    const box = root.querySelector(".sheets");
    if (target.tagName === "TD") {
      target.classList.add("hl");
      // centre the cell in the table area, without moving the page
      const r = target.getBoundingClientRect(), b = box.getBoundingClientRect();
      box.scrollTop += r.top - b.top - (b.height - r.height) / 2;
      box.scrollLeft += r.left - b.left - (b.width - r.width) / 2;
    } else {
      box.scrollTop = 0;
    }
    const b = box.getBoundingClientRect();
    if (b.top < 0 || b.bottom > window.innerHeight) box.scrollIntoView({ block: "nearest" });
    return target;
  }

  function findings(root, res) {
    const list = root.querySelector(".list");
    const count = root.querySelector(".count");
    const select = root.querySelector(".table-filter");
    const tables = [];
    res.findings.forEach((f) => { if (f.table && !tables.includes(f.table)) tables.push(f.table); });
    tables.forEach((t) => select.append(new Option(t, t)));
    const sheetOfTable = new Map(res.sheets.map((s) => [s.title, s.id]));

    res.findings.forEach((f, i) => {
      const li = el("li", "finding " + f.severity);
      li.dataset.severity = f.severity;
      li.dataset.table = f.table || "";
      li.dataset.index = i;
      const head = el("div");
      head.append(el("span", "tag " + f.severity, f.severityName), " ");
      const where = [f.table && "「" + f.table + "」", f.row && "“" + f.row + "”行", f.column && "“" + f.column + "”列"].filter(Boolean).join("");
      // most messages start with where they are; say it only when they do not
      if (!f.message.includes(f.table)) {
        head.append(el("span", "where", where));
        li.append(head, el("div", "msg", f.message));
      } else {
        head.append(el("span", "msg", f.message));
        li.append(head);
      }
      if (f.expected != null || f.actual != null) {
        li.append(el("div", "figs", "应为 " + (f.expected ?? "—") + "，实为 " + (f.actual ?? "—") + "，差额 " + (f.difference ?? "—") + " · 核对项目 " + (f.ruleName || f.rule)));
      }
      if (f.cell) {
        li.dataset.cell = f.cell;
        li.title = "点击查看该单元格 (show the cell)";
      } else if (sheetOfTable.has(f.table)) {
        li.dataset.cell = sheetOfTable.get(f.table);
      } else {
        li.classList.add("nocell");
      }
      li.addEventListener("click", () => {
        if (!li.dataset.cell) return;
        list.querySelectorAll("li.active").forEach((x) => x.classList.remove("active"));
        li.classList.add("active");
        goTo(root, li.dataset.cell);
      });
      list.append(li);
    });

    function apply() {
      const sev = new Set(Array.from(root.querySelectorAll(".sev:checked")).map((c) => c.value));
      const table = select.value;
      let n = 0;
      list.querySelectorAll("li.finding").forEach((li) => {
        const on = sev.has(li.dataset.severity) && (!table || li.dataset.table === table);
        li.hidden = !on;
        if (on) n++;
      });
      count.textContent = n === res.findings.length ? "共 " + n + " 条" : "显示 " + n + " / " + res.findings.length + " 条";
    }
    root.querySelectorAll(".sev").forEach((c) => c.addEventListener("change", apply));
    select.addEventListener("change", apply);
    if (res.findings.length === 0) list.append(el("li", "empty", "经核对，未发现数据差异。No discrepancy found."));
    apply();
  }
})();
