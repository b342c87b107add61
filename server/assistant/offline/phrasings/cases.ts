// The tuning set: everyday phrasings as salespeople type them (word order, politeness, typos, no
// punctuation), each with the effect it must have. Written before the parser was changed; see
// holdout.ts for the ones kept out of tuning. Seed data: harness.ts (seedOrg).
import { dateIn, dayIs, isMe, isSam, monthEdge, near, nextWeekday, plusDays, present, ref, type Phrasing } from './harness';

const stage = (name: string) => ({ test: (v: unknown) => (v as { name?: string } | null)?.name === name, label: `stage ${name}` });
const notNamed = (bad: RegExp) => ({ test: (v: unknown) => typeof v === 'string' && v.trim() !== '' && !bad.test(v), label: `a name, not ${String(bad)}` });

export const cases: Phrasing[] = [
  // --- creating contacts -------------------------------------------------------------------
  { text: 'add Jane Doe from Acme as a contact', expect: { ask: true } },
  { text: 'add Jane Doe from Acme as a contact', choose: /Acme Corp/, expect: { create: 'contact', fields: { firstName: 'Jane', lastName: 'Doe', companyId: ref('company:Acme Corp') } } },
  { text: 'new contact Sarah Connor, Head of IT at Cyberdyne', expect: { create: 'contact', fields: { firstName: 'Sarah', lastName: 'Connor', title: 'Head of IT', companyId: ref('company:Cyberdyne') } } },
  { text: 'add contact Ada Lovelace, CTO at Globex, ada@globex.com', expect: { create: 'contact', fields: { firstName: 'Ada', lastName: 'Lovelace', title: 'CTO', email: 'ada@globex.com', companyId: ref('company:Globex') } } },
  { text: 'Add Maria Garcia at Globex', expect: { create: 'contact', fields: { firstName: 'Maria', lastName: 'Garcia', companyId: ref('company:Globex') } } },
  { text: "please add a contact named Kevin Malone, he's an accountant at Initech", expect: { create: 'contact', fields: { firstName: 'Kevin', lastName: 'Malone', companyId: ref('company:Initech') } } },
  { text: 'new contact: Priya Patel, priya@stark.com, Stark Industries', expect: { create: 'contact', fields: { firstName: 'Priya', lastName: 'Patel', email: 'priya@stark.com', companyId: ref('company:Stark Industries') } } },
  { text: "create contact for Liam O'Brien, phone 415-555-0199", expect: { create: 'contact', fields: { firstName: 'Liam', lastName: "O'Brien", phone: /415.*555.*0199/ } } },
  { text: 'add contact dwight schrute', expect: { create: 'contact', fields: { firstName: 'dwight', lastName: 'schrute' } } },
  { text: 'can you add Michael Scott as a contact at Initech please', expect: { create: 'contact', fields: { firstName: 'Michael', lastName: 'Scott', companyId: ref('company:Initech') } } },
  { text: 'add a new contact, Pam Beesly, receptionist, pam@dunder.test', expect: { create: 'contact', fields: { firstName: 'Pam', lastName: 'Beesly', title: 'receptionist', email: 'pam@dunder.test' } } },
  { text: 'I met Erin Hannon from Globex today, add her as a contact', expect: { create: 'contact', fields: { firstName: 'Erin', lastName: 'Hannon', companyId: ref('company:Globex') } } },
  { text: 'add contat Jim Halpert at Acme Corp', expect: { create: 'contact', fields: { firstName: 'Jim', lastName: 'Halpert', companyId: ref('company:Acme Corp') } } },
  { text: 'add Toby Flenderson from Vance Refrigeration', expect: { ask: true } },
  { text: 'add Toby Flenderson from Vance Refrigeration', choose: /create|new company/i, expect: { create: 'contact', fields: { firstName: 'Toby', lastName: 'Flenderson', companyId: present }, alsoCreates: ['company'] } },
  { text: 'add Holly Flax, HR manager', expect: { create: 'contact', fields: { firstName: 'Holly', lastName: 'Flax', title: 'HR manager' } } },
  { text: 'new contact ryan@wuphf.test', expect: { create: 'contact', fields: { email: 'ryan@wuphf.test' } } },

  // --- creating companies ------------------------------------------------------------------
  { text: 'new company Initrode in software, initrode.com', expect: { create: 'company', fields: { name: 'Initrode', industry: 'software', domain: 'initrode.com' } } },
  { text: 'create a company called Dunder Mifflin', expect: { create: 'company', fields: { name: 'Dunder Mifflin' } } },
  { text: 'add company Soylent Corp, soylent.com, customer', expect: { create: 'company', fields: { name: 'Soylent Corp', domain: 'soylent.com', status: 'customer' } } },
  { text: 'add Wonka Industries as a company', expect: { create: 'company', fields: { name: 'Wonka Industries' } } },
  { text: 'new account: Hooli, hooli.com', expect: { create: 'company', fields: { name: 'Hooli', domain: 'hooli.com' } } },

  // --- creating deals ----------------------------------------------------------------------
  { text: 'create a deal for Initech worth 20k', expect: { create: 'deal', fields: { companyId: ref('company:Initech'), amount: near(20000), name: notNamed(/^for\b/i) } } },
  { text: 'new deal Acme Corp expansion, 12000', expect: { create: 'deal', fields: { name: 'Acme Corp expansion', amount: near(12000) } } },
  { text: 'add a $7,500 deal with Globex', expect: { create: 'deal', fields: { companyId: ref('company:Globex'), amount: near(7500) } } },
  { text: 'new deal: Stark Industries renewal for 1.2m', expect: { create: 'deal', fields: { name: /Stark Industries renewal/i, amount: near(1_200_000), companyId: ref('company:Stark Industries') } } },
  { text: 'open a deal with Cyberdyne for €3 000', expect: { create: 'deal', fields: { companyId: ref('company:Cyberdyne'), amount: near(3000), currency: 'EUR' } } },
  { text: "create deal 'Umbrella pilot' worth 15,000 closing next month", expect: { create: 'deal', fields: { name: 'Umbrella pilot', amount: near(15000), expectedCloseDate: dateIn(monthEdge(1, 'first'), monthEdge(1, 'last')) } } },
  { text: 'create a deal called Website redesign for Globex, 8.5k', expect: { create: 'deal', fields: { name: 'Website redesign', amount: near(8500), companyId: ref('company:Globex') } } },
  { text: 'new deal for globex 5k', expect: { create: 'deal', fields: { companyId: ref('company:Globex'), amount: near(5000) } } },
  { text: 'make a deal for Acme worth 40k', expect: { ask: true } },
  { text: 'make a deal for Acme worth 40k', choose: /Acme Corp/, expect: { create: 'deal', fields: { companyId: ref('company:Acme Corp'), amount: near(40000) } } },

  // --- creating tasks, leads, projects -----------------------------------------------------
  { text: 'add task Call Tom tomorrow', expect: { create: 'task', fields: { title: 'Call Tom', dueAt: dayIs(plusDays(1)), assigneeId: isMe } } },
  { text: 'new task: prepare QBR deck, due next Monday', expect: { create: 'task', fields: { title: 'prepare QBR deck', dueAt: nextWeekday(1) } } },
  { text: 'create a task to follow up with Jane Smith next week', expect: { create: 'task', fields: { title: /follow up with Jane Smith/i, dueAt: dateIn(plusDays(5), plusDays(13)) } } },
  { text: 'add a high priority task: renew SSL certificate', expect: { create: 'task', fields: { title: 'renew SSL certificate', priority: 'high' } } },
  { text: 'add task for Sam: review the Initech contract', expect: { create: 'task', fields: { title: 'review the Initech contract', assigneeId: isSam } } },
  { text: 'create task Update CRM records due 2027-01-15', expect: { create: 'task', fields: { title: 'Update CRM records', dueAt: dayIs('2027-01-15') } } },
  { text: 'add lead Alan Turing, CTO at Bletchley, alan@bletchley.test', expect: { create: 'lead', fields: { firstName: 'Alan', lastName: 'Turing', title: 'CTO', companyName: 'Bletchley', email: 'alan@bletchley.test' } } },
  { text: 'new lead: Katherine Johnson from NASA', expect: { create: 'lead', fields: { firstName: 'Katherine', lastName: 'Johnson', companyName: 'NASA' } } },
  { text: 'create a lead for Hedy Lamarr, hedy@film.test', expect: { create: 'lead', fields: { firstName: 'Hedy', lastName: 'Lamarr', email: 'hedy@film.test' } } },
  { text: 'new project Mobile app', expect: { create: 'project', fields: { name: 'Mobile app' } } },

  // --- updating ----------------------------------------------------------------------------
  { text: "set Tom Baker's title to CEO", expect: { update: 'contact:Tom Baker', fields: { title: 'CEO' } } },
  { text: "change Jane Smith's email to jane.smith@initech.com", expect: { update: 'contact:Jane Smith', fields: { email: 'jane.smith@initech.com' } } },
  { text: 'update Bob Stone phone to +1 555 0123', expect: { update: 'contact:Bob Stone', fields: { phone: /555.*0123/ } } },
  { text: "Tom's phone number is now 555-0199", expect: { update: 'contact:Tom Baker', fields: { phone: /555.*0199/ } } },
  { text: 'mark Initech as a customer', expect: { update: 'company:Initech', fields: { status: 'customer' } } },
  { text: 'change the amount of the Globex renewal to 55k', expect: { update: 'deal:Globex renewal', fields: { amount: near(55000) } } },
  { text: 'Alice Wong is now VP of Engineering', expect: { update: 'contact:Alice Wong', fields: { title: 'VP of Engineering' } } },
  { text: "update Initech's industry to fintech", expect: { update: 'company:Initech', fields: { industry: 'fintech' } } },
  { text: 'set the priority of Send proposal to Globex to urgent', expect: { update: 'task:Send proposal to Globex', fields: { priority: 'urgent' } } },
  { text: 'rename the Initech pilot deal to Initech rollout', expect: { update: 'deal:Initech pilot', fields: { name: 'Initech rollout' } } },

  // --- calendar and reminders (the owner's zone is UTC here; Berlin is assistant-calendar.test.ts) ---
  { text: 'remind me to call Bob tomorrow at 10', expect: { create: 'reminder', fields: { title: 'Call Bob', remindAt: { test: (v: unknown) => v === `${plusDays(1)}T10:00:00.000Z`, label: 'tomorrow 10:00' } } } },
  { text: 'schedule a meeting with Jane Smith on Friday at 3pm for an hour', expect: { create: 'event', fields: { title: 'Meeting with Jane Smith', startsAt: { test: (v: unknown) => nextWeekday(5).test(v) && /T15:00:00/.test(String(v)), label: 'Friday 15:00' }, endsAt: /T16:00:00/, relatedId: ref('contact:Jane Smith') } } },
  { text: 'schedule a meeting with Chris tomorrow at 11am', expect: { ask: true } },
  { text: "what's on my calendar this week?", expect: { answer: [/calendar this week/, /Call Tom about renewal/] } },
  { text: 'move my 3pm meeting to 4pm', before: ['schedule a meeting with Bob Stone tomorrow at 3pm'], expect: { update: 'event:Meeting with Bob Stone', fields: { startsAt: /T16:00:00/, endsAt: /T17:00:00/ } } },
  { text: 'move my 3pm meeting to 4pm', before: ['schedule a meeting with Bob Stone tomorrow at 3pm', 'schedule a call with Tom Baker tomorrow at 3pm'], expect: { ask: true } },
  { text: 'cancel the meeting with Bob tomorrow', before: ['schedule a meeting with Bob Stone tomorrow at 3pm'], expect: { approval: 'cancel_event', target: 'event:Meeting with Bob Stone' } },

  // --- deleting (approval) -----------------------------------------------------------------
  { text: 'delete contact Peter Tran', expect: { approval: 'delete_contact', target: 'contact:Peter Tran' } },
  { text: 'remove the Stark upgrade deal', expect: { approval: 'delete_deal', target: 'deal:Stark upgrade' } },
  { text: 'please delete the task Prepare demo for Initech', expect: { approval: 'delete_task', target: 'task:Prepare demo for Initech' } },
  { text: 'delete Chris', expect: { ask: true } },

  // --- deals: move, win, lose --------------------------------------------------------------
  { text: 'move the Acme expansion deal to negotiation', expect: { update: 'deal:Acme expansion', fields: { stage: stage('Negotiation') } } },
  { text: 'move Globex renewal to proposal stage', expect: { update: 'deal:Globex renewal', fields: { stage: stage('Proposal') } } },
  { text: 'we won the Globex renewal!', expect: { update: 'deal:Globex renewal', fields: { stage: stage('Won') } } },
  { text: 'mark Initech pilot as won', expect: { update: 'deal:Initech pilot', fields: { stage: stage('Won') } } },
  { text: 'we lost Stark upgrade because of price', expect: { update: 'deal:Stark upgrade', fields: { stage: stage('Lost'), lostReason: /price/i } } },
  { text: 'advance Initech pilot to needs analysis', expect: { update: 'deal:Initech pilot', fields: { stage: stage('Needs analysis') } } },
  { text: 'move the deal to won', expect: { ask: true } },

  // --- tasks: complete, reassign -----------------------------------------------------------
  { text: 'complete task Call Tom about renewal', expect: { update: 'task:Call Tom about renewal', fields: { status: 'done' } } },
  { text: "i'm done with the proposal for Globex", expect: { update: 'task:Send proposal to Globex', fields: { status: 'done' } } },
  { text: "mark 'Prepare demo for Initech' as done", expect: { update: 'task:Prepare demo for Initech', fields: { status: 'done' } } },
  { text: 'reassign the demo task to Sam', expect: { update: 'task:Prepare demo for Initech', fields: { assigneeId: isSam } } },

  // --- notes -------------------------------------------------------------------------------
  { text: 'add a note to Globex: they want to renew early', expect: { note: 'company:Globex', body: /they want to renew early/ } },
  { text: 'note on Tom Baker: prefers email over phone', expect: { note: 'contact:Tom Baker', body: /prefers email over phone/ } },
  { text: 'add note to the Acme expansion deal - budget approved by CFO', expect: { note: 'deal:Acme expansion', body: /budget approved by CFO/ } },
  { text: 'note for Initech: they use SAP', expect: { note: 'company:Initech', body: /they use SAP/ } },
  { text: 'add a note to Jane Smith saying she is on leave until May', expect: { note: 'contact:Jane Smith', body: /on leave until May/ } },
  { text: 'note on Grace Hopper: met at the conference', expect: { note: 'lead:Grace Hopper', body: /met at the conference/ } },

  // --- logging calls, emails, meetings -----------------------------------------------------
  { text: 'log a call with Jane Smith — she wants a demo next week', expect: { log: 'call', on: 'contact:Jane Smith', summary: /demo/ } },
  { text: 'I emailed Bob the proposal', expect: { log: 'email', on: 'contact:Bob Stone', summary: /proposal/ } },
  { text: 'had a meeting with Acme about renewal', expect: { log: 'meeting', on: 'company:Acme Corp', summary: /renewal/ } },
  { text: 'called Tom Baker, left a voicemail', expect: { log: 'call', on: 'contact:Tom Baker', summary: /voicemail/ } },
  { text: 'log an email to Alice Wong about the security review', expect: { log: 'email', on: 'contact:Alice Wong', summary: /security review/ } },
  { text: 'just got off the phone with Tom - he is ready to sign', expect: { log: 'call', on: 'contact:Tom Baker', summary: /ready to sign/ } },
  { text: 'log a call with Chris', expect: { ask: true } },

  // --- finding, listing, counting ----------------------------------------------------------
  { text: 'show contacts at Globex', expect: { answer: [/Tom Baker/, /Chris Martin/], not: [/Jane Smith/] } },
  { text: 'who works at Initech?', expect: { answer: [/Jane Smith/, /Peter Tran/], not: [/Tom Baker/] } },
  { text: 'list customer companies', expect: { answer: [/Globex/], not: [/Initech/] } },
  { text: 'how many contacts do we have?', expect: { answer: [/\b9 contacts\b/] } },
  { text: 'find Tom', expect: { answer: [/Tom Baker/] } },
  { text: 'show me companies in software', expect: { answer: [/Globex/, /Initech/], not: [/Cyberdyne/] } },
  { text: 'list all leads', expect: { answer: [/Grace Hopper/] } },
  { text: 'what tasks do I have today?', expect: { answer: [/Call Tom about renewal/], not: [/Send proposal/] } },
  { text: "what's overdue?", expect: { answer: [/Renew insurance/], not: [/Call Tom about renewal/] } },

  // --- pipeline ----------------------------------------------------------------------------
  { text: 'how much is in my pipeline?', expect: { answer: [/\$92,000/] } },
  { text: "what's our pipeline worth", expect: { answer: [/\$99,500/] } },
  { text: 'which deals close this month?', expect: { answer: [/Globex renewal/, /Initech pilot/], not: [/Acme expansion/, /Stark upgrade/] } },
  { text: 'show my open deals', expect: { answer: [/Globex renewal/, /Acme expansion/, /Stark upgrade/], not: [/Initech pilot/] } },
  { text: 'pipeline summary', expect: { answer: [/Qualification/, /\$99,500/] } },

  // --- field questions ---------------------------------------------------------------------
  { text: "what's Tom's phone number?", expect: { answer: [/555[\s-]?0111/] } },
  { text: "what is Jane Smith's email", expect: { answer: [/jane@initech\.com/] } },
  { text: 'how much is the Globex renewal worth?', expect: { answer: [/\$50,000/] } },

  // --- follow-ups that refer back ----------------------------------------------------------
  { before: ['add contact Maria Garcia at Globex'], text: 'and her phone is +1 555 0100', expect: { update: 'contact:Maria Garcia', fields: { phone: /555.*0100/ } } },
  { before: ['show contacts at Initech'], text: 'add a note to the second one: call back in June', expect: { note: 'contact:Peter Tran', body: /call back in June/ } },
  { before: ['what do we know about the Globex renewal'], text: 'move that deal to negotiation', expect: { update: 'deal:Globex renewal', fields: { stage: stage('Negotiation') } } },
  { before: ['find Tom Baker'], text: "what's his email?", expect: { answer: [/tom@globex\.com/] } },
  // "the first one" is the first deal the list showed (open deals come largest first).
  { before: ['show my open deals'], text: 'mark the first one as won', expect: { update: 'deal:Globex renewal', fields: { stage: stage('Won') } } },

  // --- the record the user is on -----------------------------------------------------------
  { context: 'contact:Tom Baker', text: 'what do we know about this contact?', expect: { answer: [/Tom Baker/, /CFO/] } },
  { context: 'company:Globex', text: 'log a call here: discussed renewal terms', expect: { log: 'call', on: 'company:Globex', summary: /renewal terms/ } },
  { context: 'deal:Globex renewal', text: 'move this deal to proposal', expect: { update: 'deal:Globex renewal', fields: { stage: stage('Proposal') } } },
  { context: 'contact:Jane Smith', text: 'add a note: prefers mornings', expect: { note: 'contact:Jane Smith', body: /prefers mornings/ } },
  { context: 'company:Initech', text: 'who works here?', expect: { answer: [/Jane Smith/, /Peter Tran/], not: [/Tom Baker/] } },

  // --- help, small talk, too little to act on ----------------------------------------------
  { text: 'help', expect: { answer: [/contact/i, /deal/i, /call/i] } },
  { text: 'thanks!', expect: { answer: [/./], not: [/didn.t understand/i] } },
  { text: 'create a deal', expect: { ask: true } },
  { text: "update Chris's title to Manager", expect: { ask: true } },
];
