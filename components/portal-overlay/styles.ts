// Inside the overlay's shadow root only: no rule reaches the portal.
export const OVERLAY_CSS = `
:host { all: initial; }
.layer { position: absolute; top: 0; left: 0; width: 0; height: 0; }
.b { position: absolute; top: 0; left: 0; box-sizing: border-box; height: 18px; max-width: var(--w, 120px); padding: 0 5px;
  min-width: min(var(--w, 0px), 32px); text-align: center;
  border: 1px solid #d0d7de; border-radius: 9px; background: #f6f8fa; color: #1f2328; cursor: pointer;
  font: 600 11px/16px "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; pointer-events: auto; box-shadow: 0 1px 2px rgba(0,0,0,.15); }
.b[hidden], .bar[hidden] { display: none; }
/* Compact (the cell is too narrow for the whole text): the grade alone, the rest while pointed at or focused. */
.b.c { width: var(--w); padding: 0 3px; text-align: center; text-overflow: clip; }
.b.c .r { display: none; }
.b.c:hover, .b.c:focus { width: auto; max-width: none; padding: 0 5px; z-index: 1; }
.b.c:hover .r, .b.c:focus .r { display: inline; }
.b.overdue { background: #ffebe9; border-color: #ff8182; color: #a40e26; }
.b.due { background: #fff8c5; border-color: #d4a72c; color: #7d4e00; }
.b.notice { background: #ddf4ff; border-color: #54aeff; color: #0550ae; }
.b.uncaptured { background: #fff; border-style: dashed; color: #57606a; font-weight: 400; }
.bar { position: absolute; top: 0; left: 0; display: flex; gap: 8px; align-items: center; height: 20px; padding: 0 8px;
  border: 1px solid #d0d7de; border-radius: 10px; background: #fff; color: #1f2328; pointer-events: auto;
  font: 12px/18px "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; white-space: nowrap;
  box-shadow: 0 1px 3px rgba(0,0,0,.15); }
.bar .overdue { color: #a40e26; font-weight: 600; }
.bar .due { color: #7d4e00; font-weight: 600; }
.bar button { border: 0; background: none; padding: 0; color: #0969da; cursor: pointer; font: inherit; text-decoration: underline; }
`;
