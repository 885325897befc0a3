// Shadow-root CSS of the in-page panel: self-contained, the portal's styles never apply.
export const PANEL_CSS = `
:host { all: initial; }
* { box-sizing: border-box; font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
.fab { position: fixed; padding: 9px 14px; border: 0; border-radius: 20px;
  background: #1f6feb; color: #fff; font-size: 13px; box-shadow: 0 2px 8px rgba(0,0,0,.3); cursor: pointer; }
.fab:hover { background: #1158c7; }
.panel { position: fixed; width: 380px; max-height: 70vh; overflow: auto; background: #fff;
  color: #1f2328; border: 1px solid #d0d7de; border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.25); font-size: 13px; }
.panel[hidden], .panel.folded { display: none; }
.dock.br .fab { right: 18px; bottom: 18px; } .dock.br .panel { right: 18px; bottom: 64px; }
.dock.tr .fab { right: 18px; top: 18px; } .dock.tr .panel { right: 18px; top: 64px; }
.dock.bl .fab { left: 18px; bottom: 18px; } .dock.bl .panel { left: 18px; bottom: 64px; }
.dock.tl .fab { left: 18px; top: 18px; } .dock.tl .panel { left: 18px; top: 64px; }
.status { position: fixed; max-width: 360px; margin: 0; padding: 2px 10px; border-radius: 10px; font-size: 12px;
  line-height: 18px; background: rgba(255,255,255,.92); color: #57606a; border: 1px solid #d0d7de; }
.status[hidden] { display: none; }
.status.error { color: #82071e; border-color: #ffcecb; background: #fff5f5; }
.dock.br .status { right: 18px; bottom: 58px; } .dock.tr .status { right: 18px; top: 58px; }
.dock.bl .status { left: 18px; bottom: 58px; } .dock.tl .status { left: 18px; top: 58px; }
.dock[data-status].br .panel, .dock[data-status].bl .panel { bottom: 86px; }
.dock[data-status].tr .panel, .dock[data-status].tl .panel { top: 86px; }
.head { display: flex; align-items: center; justify-content: space-between; padding: 8px 12px; background: #f6f8fa;
  border-bottom: 1px solid #d0d7de; border-radius: 8px 8px 0 0; }
.x { border: 0; background: transparent; font-size: 18px; cursor: pointer; color: #57606a; }
.tools { display: flex; align-items: center; gap: 6px; }
.bench { padding: 3px 8px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; cursor: pointer; font-size: 12px; }
.body { padding: 8px 12px 12px; }
p { margin: 6px 0; line-height: 1.5; }
.en { display: block; color: #57606a; font-size: 12px; }
.headers { color: #57606a; font-size: 12px; word-break: break-all; }
.note { padding: 6px 8px; border-radius: 6px; }
.note.info { background: #ddf4ff; }
.note.warn { background: #fff8c5; }
.note.error { background: #ffebe9; color: #82071e; }
.result { font-weight: 600; }
.rejected { margin: 4px 0; padding-left: 18px; color: #82071e; font-size: 12px; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 8px; }
.actions button { padding: 6px 10px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa; cursor: pointer; font-size: 13px; }
.actions .primary { background: #1f883d; border-color: #1a7f37; color: #fff; }
.overlay { position: fixed; inset: 0; background: rgba(0,0,0,.35); display: flex; align-items: center; justify-content: center; }
.dialog { width: min(1200px, 94vw); height: 86vh; border: 0; border-radius: 8px; background: #fff; box-shadow: 0 8px 32px rgba(0,0,0,.4); }
.crawl progress { width: 100%; height: 10px; }
.crawl-settings label { font-size: 12px; color: #57606a; }
.crawl-settings input { width: 64px; margin: 0 6px 0 2px; }
.crawl-teach { margin-top: 6px; }
.crawl-teach .actions { margin-top: 4px; }
.crawl-teach .actions button { padding: 3px 8px; font-size: 12px; }
`;
