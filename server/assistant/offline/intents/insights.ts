// Insights through their tools: "what's the risk on the Acme deal?", "brief me on Ada", "draft an
// email to Ada about the renewal". Each reply cites the records the insight was made from.
import { registerIntent } from '../grammar';
import type { Reply, Run } from '../run';
import { isRef } from './common';

interface Cited {
  citations?: { type: string; id: string; label: string }[];
}

const RECORD_CITES = new Set(['contact', 'company', 'deal', 'lead', 'project', 'task']);

function sources(run: Run, r: Cited): string {
  const refs = (r.citations ?? []).filter((c) => RECORD_CITES.has(c.type)).slice(0, 6);
  return refs.length ? `\n\nSources: ${refs.map((c) => run.link({ type: c.type, id: c.id, title: c.label.replace(/^Task: /, '') })).join(', ')}` : '';
}

const strip = (s: string) => s.replace(/^(?:the|our|my)\s+/i, '').replace(/\s+(?:deal|opportunity)$/i, '').replace(/[?.!]+$/, '').trim();

registerIntent<{ target: string }>({
  kind: 'deal_risk',
  help: { topic: 'Insights', examples: ["what's the risk on the Acme deal?", 'is the Globex renewal at risk?'] },
  parse(u) {
    const t = u.text.replace(/\?+$/, '');
    const m =
      /^(?:what(?:'s| is)|whats|how (?:high|big|bad) is|show(?: me)?|give me)\s+(?:the\s+)?risk\s+(?:on|of|for|in)\s+(.+)$/i.exec(t) ??
      /^(?:is|are)\s+(.+?)\s+(?:at risk|risky|in danger)$/i.exec(t) ??
      /^(?:how risky is|risk (?:on|of|for))\s+(.+)$/i.exec(t) ??
      /^(?:what should i do (?:next )?(?:on|about|with)|next (?:best )?actions? (?:on|for))\s+(.+)$/i.exec(t);
    if (!m) return null;
    return { intent: { target: strip(m[1]) }, confidence: 0.92, gist: `show the risk on ${m[1]}` };
  },
  plan(i, run): Reply {
    if (!run.can('deal_insights')) return { text: "You can't see deal insights here." };
    const deal = run.find(i.target, ['deal'], 'deal');
    if (!isRef(deal)) return deal;
    const r = run.call<{ risk: number; level: string; closed: boolean; factors: { label: string; weight: number; explanation: string }[]; nextActions: { title: string }[] } & Cited>('deal_insights', { id: deal.id });
    if (r.closed) return { text: `${run.link(deal)} is closed, so it carries no risk.` };
    const factors = r.factors.map((f) => `- ${f.label} (+${f.weight}): ${f.explanation}`);
    const actions = r.nextActions.map((a) => `- ${a.title}`);
    return {
      text: `Risk on ${run.link(deal)}: **${r.risk}/100** (${r.level}).${factors.length ? `\n\nWhat drives it:\n${factors.join('\n')}` : '\n\nNothing stands out.'}${actions.length ? `\n\nNext best actions (open the deal to make any of them a task):\n${actions.join('\n')}` : ''}${sources(run, r)}`,
    };
  },
});

registerIntent<{ target: string }>({
  kind: 'brief',
  help: { topic: 'Insights', examples: ['brief me on Ada', 'prepare me for my call with Acme', 'summarize the Globex renewal'] },
  parse(u) {
    const t = u.text.replace(/\?+$/, '');
    const m =
      /^(?:brief me (?:on|about)|give me a brief(?:ing)? (?:on|about|of)|(?:write |make )?a brief(?:ing)? (?:on|about|of)|prep(?:are)? me for (?:my |the |a )?(?:call|meeting|chat) with|summari[sz]e|sum up|catch me up on)\s+(.+)$/i.exec(t) ??
      /^brief\s+(?!me\b)(.+)$/i.exec(t);
    if (!m) return null;
    return { intent: { target: m[1].replace(/^(?:the|our)\s+/i, '').trim() }, confidence: 0.9, gist: `brief you on ${m[1]}` };
  },
  plan(i, run): Reply {
    if (!run.can('brief_record')) return { text: "You can't see briefs here." };
    const ref = run.find(i.target, ['contact', 'company', 'deal']);
    if (!isRef(ref)) return ref;
    const b = run.call<{ summary: string; history: string[]; openWork: string[]; lastTouch: string | null } & Cited>('brief_record', { type: ref.type, id: ref.id });
    const parts = [`**${run.link(ref)}** — ${b.summary}`];
    if (b.history.length) parts.push(`History:\n${b.history.slice(0, 5).map((h) => `- ${h}`).join('\n')}`);
    if (b.openWork.length) parts.push(`Open work:\n${b.openWork.map((w) => `- ${w}`).join('\n')}`);
    return { text: parts.join('\n\n') + sources(run, b) };
  },
});

registerIntent<{ target: string; purpose: string; tone?: string }>({
  kind: 'draft_email',
  help: { topic: 'Insights', examples: ['draft an email to Ada about the renewal', 'write a formal email to Acme about the new pricing'] },
  parse(u) {
    const t = u.text.replace(/[?.]+$/, '');
    const m = /^(?:draft|write|compose|prepare)\s+(?:me\s+)?(?:an?\s+)?(?:(friendly|formal|brief|short)\s+)?(?:e-?mail|mail|message)\s+(?:to|for)\s+(.+?)\s+(?:about|regarding|on|re:?|for)\s+(.+)$/i.exec(t);
    if (!m) return null;
    const tone = m[1] ? (m[1].toLowerCase() === 'short' ? 'brief' : m[1].toLowerCase()) : undefined;
    return { intent: { target: m[2].trim(), purpose: m[3].trim(), ...(tone ? { tone } : {}) }, confidence: 0.92, gist: `draft an email to ${m[2]} about ${m[3]}` };
  },
  plan(i, run): Reply {
    if (!run.can('draft_email')) return { text: "You can't draft emails here: it needs the member role." };
    const ref = run.find(i.target, ['contact', 'company', 'deal', 'lead']);
    if (!isRef(ref)) return ref;
    const d = run.call<{ subject: string; body: string; to: string | null } & Cited>('draft_email', { relatedType: ref.type, relatedId: ref.id, purpose: i.purpose, ...(i.tone ? { tone: i.tone } : {}) });
    return { text: `Here is a draft${d.to ? ` to ${d.to}` : ''} about ${run.link(ref)} (nothing was sent):\n\n**Subject:** ${d.subject}\n\n${d.body.split('\n').map((l) => `> ${l}`).join('\n')}${sources(run, d)}` };
  },
});
