// The labelled CRM data set for `npm run eval:retrieval`. Written before any ranking was tuned and
// kept as it was: each query paraphrases one target record with few of its words, the way a person
// remembers a note ("customer unhappy about pricing") rather than how it was typed ("client
// complained the renewal quote is too expensive"). Everything else is a distractor, some of it on
// nearby topics. Change the set only to add queries, never to make a number look better.

export type EvalType = 'company' | 'contact' | 'deal' | 'note' | 'task' | 'project';

export interface EvalRecord {
  key: string;
  type: EvalType;
  /** REST body; `companyKey`/`onKey` are resolved to ids when the set is loaded. */
  data: Record<string, unknown>;
  /** contact/deal/project: the company it belongs to. */
  companyKey?: string;
  /** note: the record it is on; task: the record it is about. */
  onKey?: string;
}

export interface EvalQuery {
  q: string;
  target: string;
}

const companies: [key: string, name: string, industry: string, description: string][] = [
  ['acme', 'Acme Rockets', 'aerospace', 'Builds small-satellite launch vehicles and sells launch slots to research groups.'],
  ['globex', 'Globex Logistics', 'logistics', 'Freight forwarding across Europe with a fleet of refrigerated trucks.'],
  ['initech', 'Initech', 'software', 'Payroll and HR software for mid-sized employers.'],
  ['umbrella', 'Umbrella Health', 'healthcare', 'Chain of outpatient clinics in the Midwest.'],
  ['hooli', 'Hooli Cloud', 'cloud infrastructure', 'Hosting and managed databases for startups.'],
  ['stark', 'Stark Foundry', 'manufacturing', 'Precision metal casting for the automotive industry.'],
  ['wayne', 'Wayne Capital', 'financial services', 'Private wealth management and family office services.'],
  ['soylent', 'Soylent Foods', 'food and beverage', 'Plant-based meal replacement drinks sold in supermarkets.'],
  ['tyrell', 'Tyrell Robotics', 'robotics', 'Warehouse picking robots leased to retailers.'],
  ['cyberdyne', 'Cyberdyne Security', 'cybersecurity', 'Penetration testing and incident response consultancy.'],
  ['oscorp', 'Oscorp Labs', 'biotech', 'Gene therapy research lab running clinical trials.'],
  ['massive', 'Massive Dynamic', 'energy', 'Operates wind farms and sells green power to utilities.'],
  ['vandelay', 'Vandelay Imports', 'wholesale', 'Imports latex gloves and medical supplies from Asia.'],
  ['pied', 'Pied Piper', 'software', 'Compression technology for video streaming services.'],
  ['dunder', 'Dunder Mifflin', 'paper', 'Regional office paper and printer supplies distributor.'],
  ['wonka', 'Wonka Confectionery', 'food and beverage', 'Artisanal chocolate factory with its own retail shops.'],
  ['gringotts', 'Gringotts Bank', 'banking', 'Retail bank with branches in twelve cities.'],
  ['monarch', 'Monarch Airlines', 'aviation', 'Regional airline flying short-haul routes.'],
  ['nakatomi', 'Nakatomi Trading', 'real estate', 'Owns and leases office towers downtown.'],
  ['bluth', 'Bluth Homes', 'construction', 'Builds suburban housing developments.'],
  ['sterling', 'Sterling Cooper', 'advertising', 'Creative agency running TV and print campaigns.'],
  ['prestige', 'Prestige Worldwide', 'events', 'Organizes corporate conferences and trade fairs.'],
  ['pollos', 'Los Pollos Hermanos', 'restaurants', 'Fast-food chicken restaurant franchise.'],
  ['aperture', 'Aperture Science', 'research', 'Physics research institute funded by grants.'],
  ['blackmesa', 'Black Mesa University', 'education', 'Public university with forty thousand students.'],
  ['duff', 'Duff Brewing', 'beverages', 'Craft brewery distributing beer to bars and stores.'],
  ['krusty', 'Krusty Entertainment', 'media', "Children's television production studio."],
  ['wolfram', 'Wolfram & Hart', 'legal', 'Law firm specialising in corporate litigation.'],
  ['ollivander', 'Ollivanders', 'retail', 'Specialty woodworking shop selling handmade furniture online.'],
  ['zorg', 'Zorg Industries', 'defense', 'Makes ruggedized communication radios for field teams.'],
];

// Contacts with something to say about them (targets), then many without (distractors).
const namedContacts: [key: string, first: string, last: string, title: string, company: string, about: string][] = [
  ['ada', 'Ada', 'Lovelace', 'CTO', 'acme', 'Former mathematician; prefers detailed technical documentation over sales calls.'],
  ['grace', 'Grace', 'Hopper', 'VP Engineering', 'zorg', 'Retired navy officer, very punctual, hates long meetings.'],
  ['linus', 'Linus', 'Park', 'Head of Infrastructure', 'hooli', 'Runs a popular open-source project in his spare time.'],
  ['marie', 'Marie', 'Dubois', 'Lab Director', 'oscorp', 'Speaks French and German; based in Geneva.'],
  ['michael', 'Michael', 'Scott', 'Regional Manager', 'dunder', 'Loves a good joke; decisions go through corporate.'],
  ['peter', 'Peter', 'Gibbons', 'Project Lead', 'initech', 'Our sponsor for the payroll integration.'],
  ['joan', 'Joan', 'Holloway', 'Office Manager', 'sterling', 'Runs procurement for the agency.'],
  ['gus', 'Gus', 'Fring', 'Owner', 'pollos', 'Meticulous about process; expects written agendas.'],
];

const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Lucas', 'Mia', 'Mateo', 'Isabella', 'Levi', 'Amara', 'Kenji', 'Priya', 'Tomás', 'Chloé', 'Yusuf', 'Ingrid', 'Dmitri'];
const LAST = ['Garcia', 'Nguyen', 'Okafor', 'Schmidt', 'Rossi', 'Kowalski', 'Tanaka', 'Haddad', 'Larsen', 'Moreau', 'Silva', 'Novak', 'Brennan', 'Achebe', 'Lindqvist'];
const TITLES = ['Account Executive', 'Procurement Manager', 'Head of Operations', 'IT Director', 'Marketing Lead', 'CFO', 'Office Administrator', 'Sales Director', 'Product Manager', 'Controller'];
const DEPARTMENTS = ['Sales', 'Finance', 'Operations', 'IT', 'Marketing', 'Purchasing'];

const deals: [key: string, name: string, company: string, amount: string, description: string][] = [
  ['acme-telemetry', 'Acme launch telemetry platform', 'acme', '120000', 'Real-time tracking dashboards for rocket flights.'],
  ['globex-fleet', 'Globex fleet tracking rollout', 'globex', '85000', 'GPS units for 300 refrigerated trucks.'],
  ['umbrella-portal', 'Umbrella patient portal', 'umbrella', '64000', 'Online appointment booking and test results for clinic patients.'],
  ['gringotts-branch', 'Gringotts branch analytics', 'gringotts', '47000', 'Foot traffic and queue length reporting for every branch.'],
  ['duff-reorder', 'Duff distributor portal', 'duff', '38000', 'Self-service reordering for bars and liquor stores.'],
  ['wonka-loyalty', 'Wonka loyalty program', 'wonka', '29000', 'Points and rewards for repeat shoppers in the candy shops.'],
  ['blackmesa-alumni', 'Black Mesa alumni fundraising', 'blackmesa', '52000', 'Donor management for former students.'],
  ['zorg-firmware', 'Zorg handset fleet management', 'zorg', '96000', 'Track firmware versions across ten thousand handsets.'],
  // distractors
  ['initech-renewal', 'Initech annual renewal', 'initech', '40000', 'Standard renewal, same seat count as last year.'],
  ['hooli-upgrade', 'Hooli enterprise upgrade', 'hooli', '150000', 'Move from the team plan to the enterprise plan.'],
  ['stark-pilot', 'Stark Foundry pilot', 'stark', '12000', 'Three-month pilot in one plant.'],
  ['wayne-seats', 'Wayne Capital additional seats', 'wayne', '22000', 'Twenty more users for the advisory team.'],
  ['soylent-starter', 'Soylent starter package', 'soylent', '8000', 'Starter plan for the marketing department.'],
  ['tyrell-support', 'Tyrell premium support', 'tyrell', '18000', 'Premium support add-on.'],
  ['cyberdyne-new', 'Cyberdyne new business', 'cyberdyne', '33000', 'First purchase; champion is the COO.'],
  ['oscorp-lab', 'Oscorp lab rollout', 'oscorp', '71000', 'All four research sites.'],
  ['massive-renewal', 'Massive Dynamic renewal', 'massive', '58000', 'Multi-year renewal under discussion.'],
  ['vandelay-import', 'Vandelay Imports onboarding', 'vandelay', '15000', 'Onboarding and data import services.'],
  ['pied-api', 'Pied Piper API plan', 'pied', '26000', 'Usage-based API plan.'],
  ['dunder-renewal', 'Dunder Mifflin renewal', 'dunder', '19000', 'Renewal for the Scranton branch.'],
  ['monarch-crew', 'Monarch Airlines crew scheduling', 'monarch', '88000', 'Lost to a competitor in the final round.'],
  ['nakatomi-tenant', 'Nakatomi tenant portal', 'nakatomi', '44000', 'Portal for the tenants of two towers.'],
  ['bluth-sales', 'Bluth Homes sales office', 'bluth', '21000', 'CRM for the model-home sales team.'],
  ['sterling-trial', 'Sterling Cooper trial', 'sterling', '16000', 'Trial for the art department.'],
  ['prestige-events', 'Prestige Worldwide event suite', 'prestige', '36000', 'Registration and badge printing.'],
  ['pollos-franchise', 'Los Pollos franchise rollout', 'pollos', '67000', 'Rollout to forty locations.'],
  ['aperture-grant', 'Aperture Science research license', 'aperture', '30000', 'Depends on funding.'],
  ['krusty-mobile', 'Krusty mobile app', 'krusty', '24000', 'Mobile access for the production crew.'],
  ['wolfram-firm', 'Wolfram & Hart firm-wide', 'wolfram', '110000', 'All partners and associates.'],
  ['ollivander-shop', 'Ollivanders shop integration', 'ollivander', '9000', 'Small business plan with the shop integration.'],
];

const projects: [key: string, name: string, company: string | null, description: string][] = [
  ['migration', 'Data migration from legacy CRM', null, 'Move eight years of records out of the old on-premise system.'],
  ['website', 'Website relaunch', null, 'New marketing site with pricing pages and a blog.'],
  ['partners', 'Partner program launch', null, 'Recruit resellers and consultants who sell on our behalf.'],
  ['iso', 'ISO 27001 certification', null, 'Prepare policies and evidence for the external auditor.'],
  // distractors
  ['acme-onboarding', 'Acme onboarding', 'acme', 'Onboarding plan for the launch operations team.'],
  ['globex-rollout', 'Globex rollout phase 2', 'globex', 'Second wave of depots.'],
  ['hooli-integration', 'Hooli integration work', 'hooli', 'Custom fields and a nightly sync.'],
  ['q3-campaign', 'Q3 outbound campaign', null, 'Sequences for the fintech segment.'],
  ['pollos-training', 'Franchise training videos', 'pollos', 'Short videos for each restaurant manager.'],
  ['support-handbook', 'Support handbook', null, 'Internal guide for the support rotation.'],
];

// Notes: [key, on, body]. The first group are targets, the rest distractors.
const notes: [key: string, on: string, body: string][] = [
  ['acme-pricing', 'acme', "Client complained the renewal quote is too expensive and asked whether we can match last year's rate."],
  ['globex-security', 'globex', 'Their IT department wants our SOC 2 report and a completed vendor questionnaire before they sign.'],
  ['initech-champion', 'peter', 'Our main sponsor there is leaving the company at the end of the month; need to find a new internal advocate.'],
  ['umbrella-budget', 'umbrella', 'Spending is frozen until the next fiscal year, so the purchase is on hold.'],
  ['hooli-competitor', 'hooli', 'They are also evaluating Salesforce and HubSpot; side-by-side comparison due Friday.'],
  ['stark-outage', 'stark', 'Production line was down for six hours after the sync failed; plant manager furious.'],
  ['wayne-expansion', 'wayne', 'They want to roll the tool out to three more offices and add 40 seats in Q3.'],
  ['soylent-invoice', 'soylent', 'Accounts payable says the March bill charged them twice; refund requested.'],
  ['tyrell-feature', 'tyrell', 'Asked for a way to export dashboards to PDF for their board meetings.'],
  ['cyberdyne-legal', 'cyberdyne', 'Their lawyers redlined the indemnification clause and the liability cap in the MSA.'],
  ['oscorp-onboarding', 'marie', 'Kickoff call went well; the team needs training sessions for twenty new users next week.'],
  ['massive-churn', 'massive', 'Usage dropped sharply over the last two months and nobody logs in anymore; risk of cancellation.'],
  ['vandelay-shipping', 'vandelay', 'The hardware shipment is stuck at customs in Rotterdam; delivery slips by two weeks.'],
  ['pied-integration', 'pied', 'Their engineers could not connect the API because the webhook signatures did not validate.'],
  ['dunder-referral', 'michael', 'Michael offered to introduce us to two other regional distributors he knows.'],
  ['wonka-holiday', 'wonka', 'Seasonal rush: they need the rollout finished before the Christmas orders start in November.'],
  ['gringotts-sso', 'gringotts', 'Bank requires single sign-on with their Active Directory and two-factor for all staff.'],
  ['monarch-cancel', 'monarch', 'Called to say they will not renew; switching to a cheaper local provider.'],
  ['nakatomi-meeting', 'nakatomi', 'Met the facilities director at the trade show in Chicago; interested in the tenant portal.'],
  ['bluth-payment', 'bluth', 'Invoice is ninety days overdue; the CFO keeps promising payment next week.'],
  ['sterling-demo', 'joan', 'Loved the demo, especially the drag-and-drop campaign builder; wants a trial for the art team.'],
  ['prestige-data', 'prestige', 'They need all attendee records migrated from their old spreadsheets before the spring event.'],
  ['pollos-permissions', 'gus', 'Each franchise location should see only its own orders; they need per-branch permissions.'],
  ['aperture-grant', 'aperture', 'Purchase depends on the research grant being approved by the foundation in June.'],
  ['blackmesa-tender', 'blackmesa', 'University procurement requires three quotes and a public tender for anything above 50k.'],
  ['duff-gdpr', 'duff', 'Legal asked where customer data is stored and whether it stays inside the EU.'],
  ['krusty-offline', 'krusty', 'The producers mostly work from phones on set, so the iOS app has to support offline mode.'],
  ['wolfram-prepay', 'wolfram', 'Partner asked for a 20% discount if they prepay for three years.'],
  ['ollivander-shopify', 'ollivander', 'Wants orders from their Shopify store to create deals automatically.'],
  ['zorg-reference', 'grace', 'Before committing they want to talk to another defense customer as a reference.'],
  ['acme-ceo', 'ada', 'Their CEO joined the call and asked for a roadmap presentation next quarter.'],
  ['hooli-freeze', 'linus', 'Reported that the search page freezes when filtering more than ten thousand contacts.'],
  ['initech-increase', 'initech', 'Pushback on the 8% price increase in the new contract; they threatened to downgrade the plan.'],
  ['globex-signed', 'globex', 'Signed the two-year renewal today with a small uplift; champion very happy.'],
  ['umbrella-hipaa', 'umbrella', 'Compliance officer needs a business associate agreement covering patient records.'],
  ['tyrell-uptime', 'tyrell', 'They asked for a 99.9% availability guarantee with credits for downtime.'],
  ['soylent-reply', 'soylent', 'Cold email got a reply: the marketing lead wants to learn more next month.'],
  ['cyberdyne-pentest', 'cyberdyne', 'They will run their own penetration test against our staging environment before go-live.'],
  // distractors
  ['d1', 'acme', 'Left a voicemail for the procurement team.'],
  ['d2', 'acme', 'Sent the updated proposal with the revised timeline.'],
  ['d3', 'globex', 'Weekly check-in: no blockers, next call in two weeks.'],
  ['d4', 'initech', 'Shared the release notes for version 4.2.'],
  ['d5', 'umbrella', 'Scheduled a call with the clinic operations lead for Tuesday.'],
  ['d6', 'hooli', 'Linus asked for the API rate limits in writing.'],
  ['d7', 'stark', 'Visited the plant; they run three shifts a day.'],
  ['d8', 'wayne', 'Quarterly review moved to the first week of next month.'],
  ['d9', 'soylent', 'They use Google Workspace for email and calendars.'],
  ['d10', 'tyrell', 'Asked about the roadmap for the mobile app.'],
  ['d11', 'cyberdyne', 'Introduced their new account manager on our side.'],
  ['d12', 'oscorp', 'Confirmed the number of lab sites: four.'],
  ['d13', 'massive', 'Sent a case study from another energy customer.'],
  ['d14', 'vandelay', 'Updated the billing contact to the new finance manager.'],
  ['d15', 'pied', 'Talked about video compression benchmarks; not relevant to us.'],
  ['d16', 'dunder', 'They still print every report; asked for a printable view.'],
  ['d17', 'wonka', 'Tour of the factory is booked for the team offsite.'],
  ['d18', 'gringotts', 'Branch managers want a weekly summary email.'],
  ['d19', 'monarch', 'Exit interview scheduled with their operations director.'],
  ['d20', 'nakatomi', 'Sent over the standard contract for review.'],
  ['d21', 'bluth', 'Second reminder sent to accounts payable.'],
  ['d22', 'sterling', 'They asked for a logo for the case study.'],
  ['d23', 'prestige', 'Spring conference is in April in Lisbon.'],
  ['d24', 'pollos', 'Gus wants a written agenda before every call.'],
  ['d25', 'aperture', 'Sent the academic discount policy.'],
  ['d26', 'blackmesa', 'Their fiscal year starts in July.'],
  ['d27', 'duff', 'Met at the beer festival booth; good contact for the west coast.'],
  ['d28', 'krusty', 'The show wrapped its season; team back in September.'],
  ['d29', 'wolfram', 'Partners prefer calls before 9am.'],
  ['d30', 'ollivander', 'Small team of five; the owner decides everything.'],
  ['d31', 'zorg', 'Export control questions forwarded to our legal team.'],
  ['d32', 'ada', 'Ada shared the architecture diagram of their ground station.'],
  ['d33', 'grace', 'Grace confirmed the meeting for 8:00 sharp.'],
  ['d34', 'linus', 'Linus will present at their internal engineering day.'],
  ['d35', 'marie', 'Marie is travelling to Boston for a conference in May.'],
  ['d36', 'michael', 'Michael sent a holiday card to the whole team.'],
  ['d37', 'peter', 'Peter asked for the integration checklist again.'],
  ['d38', 'joan', 'Joan approved the purchase order for the pilot.'],
  ['d39', 'gus', 'Gus asked for references from other restaurant chains.'],
  ['d40', 'acme-telemetry', 'Technical validation call booked with their flight software team.'],
  ['d41', 'globex-fleet', 'Hardware quote from the GPS vendor attached.'],
  ['d42', 'umbrella-portal', 'Design mockups approved by their patient experience team.'],
  ['d43', 'gringotts-branch', 'Pilot branch selected: the downtown office.'],
  ['d44', 'duff-reorder', 'Integration with their ERP is in scope for phase one.'],
  ['d45', 'wonka-loyalty', 'Point values agreed: one point per dollar.'],
  ['d46', 'blackmesa-alumni', 'Alumni office wants event invitations sent from the system.'],
  ['d47', 'zorg-firmware', 'Security review of the update server scheduled.'],
  ['d48', 'hooli-upgrade', 'Enterprise plan quote sent with volume pricing.'],
  ['d49', 'monarch-crew', 'Final presentation to their crew planning team went fine.'],
  ['d50', 'stark-pilot', 'Pilot success criteria written down and agreed.'],
  ['d51', 'initech', 'Asked whether the renewal can start on the first of the month.'],
  ['d52', 'wayne', 'Their compliance team approved our security documentation last year.'],
  ['d53', 'massive', 'New admin user added for their IT team.'],
  ['d54', 'oscorp', 'Discussed the timeline for the second research site.'],
  ['d55', 'sterling', 'Art director asked about image storage limits.'],
  ['d56', 'prestige', 'They liked the badge printing feature.'],
  ['d57', 'nakatomi', 'Building manager asked for a demo of the maintenance requests.'],
  ['d58', 'cyberdyne', 'Sent our data processing agreement for signature.'],
  ['d59', 'pied', 'Their CTO is on parental leave until March.'],
  ['d60', 'vandelay', 'Customs broker contact added to the account.'],
];

// Tasks: [key, about (or null), title, description]. Targets first.
const tasks: [key: string, on: string | null, title: string, description: string | null][] = [
  ['send-order-form', 'initech', 'Send the signed order form to finance', 'Finance needs the countersigned PDF to open the account.'],
  ['book-travel', 'stark', 'Book travel to Denver for the onsite workshop', null],
  ['prepare-qbr', 'wayne', 'Prepare quarterly business review deck', 'Usage numbers, adoption by office and the plan for next quarter.'],
  ['webinar-follow-up', null, 'Follow up with attendees of the webinar', 'Everyone who registered for the product webinar last Thursday.'],
  ['dedupe', null, 'Clean up duplicate contacts imported from the trade show list', null],
  ['dpa-review', 'cyberdyne', 'Ask legal to review the data processing addendum', null],
  ['dunder-renewal-reminder', 'dunder', 'Remind them about the renewal two months before expiry', null],
  ['bluth-gift', 'bluth', 'Send a thank-you gift basket to the team', null],
  ['sterling-sandbox', 'sterling', 'Set up a sandbox account with sample data for the trial', null],
  ['volume-pricing', null, 'Draft a volume pricing sheet for distributors', null],
  // distractors
  ['t1', 'acme', 'Call Ada about the technical review', null],
  ['t2', 'globex', 'Send the renewal paperwork', null],
  ['t3', 'hooli', 'Schedule the enterprise upgrade call', null],
  ['t4', 'umbrella', 'Check in after the budget meeting', null],
  ['t5', 'massive', 'Log in to their account and review usage', null],
  ['t6', 'soylent', 'Email the marketing lead a case study', null],
  ['t7', 'tyrell', 'Prepare the support contract', null],
  ['t8', 'oscorp', 'Confirm training dates', null],
  ['t9', 'vandelay', 'Ask for the tracking number', null],
  ['t10', 'pied', 'Send API documentation link', null],
  ['t11', 'wonka', 'Confirm the factory tour', null],
  ['t12', 'gringotts', 'Share the branch pilot results', null],
  ['t13', 'monarch', 'Write the loss review', null],
  ['t14', 'nakatomi', 'Send the standard contract', null],
  ['t15', 'prestige', 'Book a booth at the spring event', null],
  ['t16', 'pollos', 'Write the agenda for Thursday', null],
  ['t17', 'aperture', 'Check on the grant status in July', null],
  ['t18', 'blackmesa', 'Register as a supplier on their portal', null],
  ['t19', 'duff', 'Send the hosting locations document', null],
  ['t20', 'krusty', 'Test the app on older phones', null],
  ['t21', 'wolfram', 'Prepare a three-year quote', null],
  ['t22', 'ollivander', 'Install the shop plugin for them', null],
  ['t23', 'zorg', 'Find a reference customer', null],
  ['t24', null, 'Update the sales playbook', null],
  ['t25', null, 'Plan the team offsite', null],
];

export const queries: EvalQuery[] = [
  { q: 'customer unhappy about pricing', target: 'note:acme-pricing' },
  { q: 'audit certification documents requested ahead of the contract', target: 'note:globex-security' },
  { q: 'key supporter is quitting their job', target: 'note:initech-champion' },
  { q: 'no money available right now, paused', target: 'note:umbrella-budget' },
  { q: 'considering rival vendors', target: 'note:hooli-competitor' },
  { q: 'angry about a service interruption at the factory', target: 'note:stark-outage' },
  { q: 'upsell opportunity to grow the license count', target: 'note:wayne-expansion' },
  { q: 'duplicate payment on their statement, they want money back', target: 'note:soylent-invoice' },
  { q: 'request to download reports as documents for executives', target: 'note:tyrell-feature' },
  { q: 'attorneys pushing back on contract terms', target: 'note:cyberdyne-legal' },
  { q: 'teach the new people how to use the product', target: 'note:oscorp-onboarding' },
  { q: 'customer likely to leave, engagement collapsing', target: 'note:massive-churn' },
  { q: 'order delayed at the border', target: 'note:vandelay-shipping' },
  { q: 'developers struggling to hook up to our platform', target: 'note:pied-integration' },
  { q: 'happy client will recommend us to peers', target: 'note:dunder-referral' },
  { q: 'deadline tied to the year-end festive period', target: 'note:wonka-holiday' },
  { q: 'login through their corporate identity provider', target: 'note:gringotts-sso' },
  { q: 'lost the account to a lower-cost competitor', target: 'note:monarch-cancel' },
  { q: 'conversation at an industry conference about the renter website', target: 'note:nakatomi-meeting' },
  { q: "they still haven't paid us, months late", target: 'note:bluth-payment' },
  { q: 'enthusiastic after the product walkthrough', target: 'note:sterling-demo' },
  { q: 'move guest lists out of excel into the system', target: 'note:prestige-data' },
  { q: 'restrict what every restaurant outlet can access', target: 'note:pollos-permissions' },
  { q: 'funding from an outside body decides whether they buy', target: 'note:aperture-grant' },
  { q: 'formal bidding process at the school for big purchases', target: 'note:blackmesa-tender' },
  { q: 'worried about which country their personal information lives in', target: 'note:duff-gdpr' },
  { q: 'staff need it to work on smartphones without internet', target: 'note:krusty-offline' },
  { q: 'price reduction in exchange for paying upfront for a multi-year term', target: 'note:wolfram-prepay' },
  { q: 'sync online shop purchases into the sales pipeline', target: 'note:ollivander-shopify' },
  { q: 'asked to speak with an existing client in the same sector', target: 'note:zorg-reference' },
  { q: 'top boss wants to see future product plans', target: 'note:acme-ceo' },
  { q: 'app hangs on big lists', target: 'note:hooli-freeze' },
  { q: 'resistance to raising fees, may move to a smaller tier', target: 'note:initech-increase' },
  { q: 'contract extended, customer pleased', target: 'note:globex-signed' },
  { q: 'medical privacy agreement for health data', target: 'note:umbrella-hipaa' },
  { q: 'SLA penalties if the service goes offline', target: 'note:tyrell-uptime' },
  { q: 'first response from an outbound prospecting message', target: 'note:soylent-reply' },
  { q: 'security team plans to attack our test system before launch', target: 'note:cyberdyne-pentest' },
  { q: 'forward the executed paperwork to accounting', target: 'task:send-order-form' },
  { q: 'arrange a trip for the in-person session', target: 'task:book-travel' },
  { q: 'slides for the three-month check-in', target: 'task:prepare-qbr' },
  { q: 'reach out to people who joined the online seminar', target: 'task:webinar-follow-up' },
  { q: 'remove repeated people from the event import', target: 'task:dedupe' },
  { q: 'get counsel to check the privacy annex', target: 'task:dpa-review' },
  { q: 'nudge the paper distributor ahead of contract end', target: 'task:dunder-renewal-reminder' },
  { q: 'present to show appreciation to the homebuilder', target: 'task:bluth-gift' },
  { q: 'create a test workspace for the agency evaluation', target: 'task:sterling-sandbox' },
  { q: 'tiered cost table for resellers', target: 'task:volume-pricing' },
  { q: 'software to monitor spacecraft in flight', target: 'deal:acme-telemetry' },
  { q: 'locating cold-chain lorries', target: 'deal:globex-fleet' },
  { q: 'let sick people schedule visits on the web', target: 'deal:umbrella-portal' },
  { q: 'measuring how busy each bank office is', target: 'deal:gringotts-branch' },
  { q: 'pubs restocking kegs on their own', target: 'deal:duff-reorder' },
  { q: 'rewards scheme for returning sweet-shop customers', target: 'deal:wonka-loyalty' },
  { q: 'raising money from graduates', target: 'deal:blackmesa-alumni' },
  { q: 'keep device software up to date across many units', target: 'deal:zorg-firmware' },
  { q: 'transfer historical information from the previous tool', target: 'project:migration' },
  { q: 'redo our public web presence', target: 'project:website' },
  { q: 'build a channel of agencies selling for us', target: 'project:partners' },
  { q: 'get accredited for information protection standards', target: 'project:iso' },
  { q: 'executive who likes reading specs rather than talking to reps', target: 'contact:ada' },
  { q: 'ex-military person who wants short calls', target: 'contact:grace' },
  { q: 'maintains free community software as a hobby', target: 'contact:linus' },
  { q: 'multilingual person living in Switzerland', target: 'contact:marie' },
  { q: 'machines that grab products off shelves in storage depots', target: 'company:tyrell' },
  { q: 'firm selling renewable electricity', target: 'company:massive' },
  { q: 'business that puts on conventions and expos', target: 'company:prestige' },
  { q: 'lawyers handling lawsuits between businesses', target: 'company:wolfram' },
  { q: 'higher education institution', target: 'company:blackmesa' },
];

/** Every record, in creation order (parents before the records that point at them). */
export function records(): EvalRecord[] {
  const out: EvalRecord[] = [];
  for (const [key, name, industry, description] of companies) {
    out.push({ key: `company:${key}`, type: 'company', data: { name, industry, description, status: 'customer' } });
  }
  for (const [key, firstName, lastName, title, company, about] of namedContacts) {
    out.push({ key: `contact:${key}`, type: 'contact', companyKey: `company:${company}`, data: { firstName, lastName, title, about, email: `${firstName}.${lastName}@${company}.example`.toLowerCase() } });
  }
  // 100 distractor contacts: names, titles and departments spread over the companies.
  for (let i = 0; i < 100; i++) {
    const firstName = FIRST[i % FIRST.length];
    const lastName = LAST[(i * 7) % LAST.length];
    const company = companies[(i * 11) % companies.length][0];
    out.push({
      key: `contact:x${i}`,
      type: 'contact',
      companyKey: `company:${company}`,
      data: { firstName, lastName, title: TITLES[(i * 3) % TITLES.length], department: DEPARTMENTS[i % DEPARTMENTS.length], email: `${firstName}.${lastName}.${i}@${company}.example`.normalize('NFD').replace(/[^\x00-\x7f]/g, '').toLowerCase() },
    });
  }
  for (const [key, name, company, amount, description] of deals) {
    out.push({ key: `deal:${key}`, type: 'deal', companyKey: `company:${company}`, data: { name, amount, currency: 'USD', description } });
  }
  for (const [key, name, company, description] of projects) {
    out.push({ key: `project:${key}`, type: 'project', companyKey: company ? `company:${company}` : undefined, data: { name, description } });
  }
  const keyOf = (on: string) => {
    for (const type of ['company', 'contact', 'deal'] as const) if (out.some((r) => r.key === `${type}:${on}`)) return `${type}:${on}`;
    throw new Error(`eval set: no record "${on}"`);
  };
  for (const [key, on, body] of notes) out.push({ key: `note:${key}`, type: 'note', onKey: keyOf(on), data: { body } });
  for (const [key, on, title, description] of tasks) out.push({ key: `task:${key}`, type: 'task', onKey: on ? keyOf(on) : undefined, data: { title, description } });
  return out;
}
