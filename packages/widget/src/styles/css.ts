/**
 * The widget's stylesheet, scoped under `.jl-root`. Everything themable is a CSS variable, so a
 * host can restyle through `--jl-*` without touching the widget. No remote fonts: system-ui.
 */
export const WIDGET_CSS = `
.jl-root{--jl-bg:#fff;--jl-fg:#14171f;--jl-muted:#4f5666;--jl-border:#c9ced8;--jl-surface:#f4f6f9;
--jl-brand:#2b50c8;--jl-brand-fg:#fff;--jl-link:#1f48c2;--jl-danger:#a8200d;--jl-danger-bg:#fdf0ee;
--jl-warn:#7a4b00;--jl-warn-bg:#fff6e0;--jl-radius:10px;--jl-backdrop:rgba(10,14,22,.55);
--jl-font:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color-scheme:light;box-sizing:border-box;font-family:var(--jl-font);font-size:15px;line-height:1.5;
color:var(--jl-fg);background:var(--jl-bg);border-radius:var(--jl-radius);padding:24px;max-width:480px}
.jl-root[data-theme=dark]{--jl-bg:#171a21;--jl-fg:#eef0f4;--jl-muted:#b3b9c6;--jl-border:#3b414f;
--jl-surface:#21252e;--jl-link:#9db7ff;--jl-danger:#ffb4a8;--jl-danger-bg:#3a1d19;--jl-warn:#ffd27a;
--jl-warn-bg:#352a12;color-scheme:dark}
@media (prefers-color-scheme:dark){.jl-root[data-theme=system]{--jl-bg:#171a21;--jl-fg:#eef0f4;
--jl-muted:#b3b9c6;--jl-border:#3b414f;--jl-surface:#21252e;--jl-link:#9db7ff;--jl-danger:#ffb4a8;
--jl-danger-bg:#3a1d19;--jl-warn:#ffd27a;--jl-warn-bg:#352a12;color-scheme:dark}}
.jl-root *,.jl-root *::before,.jl-root *::after{box-sizing:inherit}
.jl-root h2{font-size:1.3rem;line-height:1.3;margin:0 0 12px}
.jl-root h3{font-size:1rem;margin:16px 0 6px}
.jl-root h2:focus{outline:none}.jl-root h2:focus-visible{outline:2px solid var(--jl-brand);outline-offset:4px}
.jl-root p{margin:0 0 10px}.jl-root ul,.jl-root ol{margin:0 0 12px;padding-left:22px}
.jl-root li{margin:4px 0}
.jl-muted{color:var(--jl-muted)}
.jl-root a{color:var(--jl-link);text-underline-offset:2px}
.jl-note{background:var(--jl-surface);border-radius:8px;padding:10px 14px;margin:0 0 12px}
.jl-actions{display:flex;flex-wrap:wrap;gap:8px;justify-content:flex-end;margin-top:18px}
.jl-button{font:inherit;font-weight:600;min-height:40px;min-width:44px;padding:8px 18px;border-radius:8px;
border:1px solid var(--jl-brand);background:var(--jl-brand);color:var(--jl-brand-fg);cursor:pointer}
.jl-button[data-variant=secondary]{background:transparent;color:var(--jl-fg);border-color:var(--jl-border)}
.jl-button:disabled,.jl-button[aria-disabled=true]{opacity:.6;cursor:not-allowed}
.jl-link-button{font:inherit;background:none;border:0;padding:2px 0;min-height:24px;color:var(--jl-link);
text-decoration:underline;text-underline-offset:2px;cursor:pointer}
.jl-root :focus-visible{outline:2px solid var(--jl-brand);outline-offset:2px}
.jl-field{display:flex;flex-direction:column;gap:4px;margin:0 0 14px}
.jl-field label,.jl-legend{font-weight:600}.jl-field>label::first-letter{text-transform:uppercase}
.jl-input,.jl-select{font:inherit;color:var(--jl-fg);background:var(--jl-bg);border:1px solid var(--jl-border);
border-radius:8px;min-height:40px;padding:8px 10px;width:100%}
.jl-key{display:flex;gap:6px;align-items:stretch}
.jl-key .jl-input{flex:1;min-width:0;font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
.jl-key .jl-button{flex:none;white-space:nowrap;padding:8px 12px}
.jl-hint{color:var(--jl-muted);font-size:.9em}
.jl-alert{border-radius:8px;padding:12px 14px;margin:0 0 14px;background:var(--jl-danger-bg);
color:var(--jl-fg);border-left:4px solid var(--jl-danger)}
.jl-alert[data-kind=warning]{background:var(--jl-warn-bg);border-left-color:var(--jl-warn)}
.jl-alert[data-kind=wait]{background:var(--jl-surface);border-left-color:var(--jl-muted)}
.jl-alert:focus{outline:none}.jl-alert:focus-visible{outline:2px solid var(--jl-brand);outline-offset:2px}
.jl-alert .jl-button{margin-top:4px}
.jl-alert-title{font-weight:700}
.jl-orgs{border:0;margin:0 0 10px;padding:0;min-width:0}
.jl-root .jl-org-list{list-style:none;padding:0;margin:8px 0 0;max-height:280px;overflow:auto;
border:1px solid var(--jl-border);border-radius:8px}
.jl-root .jl-org-list li{margin:0;border-top:1px solid var(--jl-border)}.jl-root .jl-org-list li:first-child{border-top:0}
.jl-org{display:flex;gap:10px;align-items:center;padding:10px 12px;min-height:44px;cursor:pointer}
.jl-org input{width:18px;height:18px;accent-color:var(--jl-brand)}
.jl-top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:6px 12px;
margin:0 0 14px;padding-right:36px;font-size:.85em;color:var(--jl-muted)}
.jl-brand-mark{display:inline-flex;align-items:center;gap:8px;font-weight:600;color:var(--jl-fg)}
.jl-brand-mark svg{flex:none;border-radius:6px}
.jl-progress{display:inline-flex;align-items:center;gap:8px}
.jl-progress-bar{display:inline-flex;gap:3px}
.jl-progress-bar span{width:18px;height:4px;border-radius:2px;background:var(--jl-border)}
.jl-progress-bar span[data-done]{background:var(--jl-brand)}
.jl-sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;
clip:rect(0,0,0,0);white-space:nowrap;border:0}
.jl-backdrop{position:fixed;inset:0;z-index:2147483000;display:flex;align-items:center;
justify-content:center;padding:16px;background:var(--jl-backdrop,rgba(10,14,22,.55));overflow:auto}
.jl-dialog{position:relative;width:100%;max-width:480px;margin:auto;max-height:100%;overflow:auto;
border-radius:var(--jl-radius);box-shadow:0 20px 60px rgba(0,0,0,.35)}
.jl-dialog>.jl-root{max-width:none}
.jl-close{position:absolute;top:12px;right:12px;min-width:36px;min-height:36px;font:inherit;font-size:1.4rem;
line-height:1;border:0;border-radius:8px;background:transparent;color:var(--jl-muted);cursor:pointer;z-index:1}
.jl-close:hover{background:var(--jl-surface)}
@media (prefers-reduced-motion:no-preference){.jl-dialog{animation:jl-in .15s ease-out}
@keyframes jl-in{from{opacity:0;transform:translateY(8px)}to{opacity:1;transform:none}}}
`
