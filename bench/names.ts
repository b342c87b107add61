// Name pools for generated contacts. The bench derives its search fragments from the same lists,
// so every `q` it sends matches real rows.
export const FIRST_NAMES = [
  'Aaron', 'Abigail', 'Adam', 'Adrian', 'Aisha', 'Alice', 'Amara', 'Amelia', 'Andre', 'Anna', 'Arjun', 'Ava',
  'Beatriz', 'Benjamin', 'Bianca', 'Bruno', 'Camila', 'Carlos', 'Chen', 'Chloe', 'Daniel', 'David', 'Diego', 'Elena',
  'Elif', 'Emma', 'Ethan', 'Fatima', 'Felix', 'Freya', 'Gabriel', 'Grace', 'Hana', 'Hannah', 'Hiro', 'Hugo',
  'Ines', 'Isaac', 'Isabella', 'Ivan', 'Jack', 'James', 'Jonas', 'Julia', 'Kai', 'Karim', 'Kenji', 'Laura',
  'Leila', 'Leo', 'Liam', 'Lucas', 'Lucia', 'Maya', 'Mateo', 'Mia', 'Mohammed', 'Nadia', 'Nina', 'Noah',
  'Olivia', 'Omar', 'Oscar', 'Paula', 'Priya', 'Rafael', 'Rosa', 'Ryan', 'Sara', 'Sofia', 'Sven', 'Tariq',
  'Thomas', 'Valentina', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zara', 'Zoe',
];

export const LAST_NAMES = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Andersen', 'Baker', 'Banerjee', 'Becker', 'Bianchi', 'Brown', 'Campbell', 'Carvalho', 'Castillo',
  'Chang', 'Clarke', 'Costa', 'Dalton', 'Dubois', 'Duarte', 'Edwards', 'Eriksson', 'Evans', 'Fischer', 'Fernandes', 'Fontaine',
  'Garcia', 'Gonzalez', 'Gupta', 'Hansen', 'Hartmann', 'Hernandez', 'Hoffmann', 'Ibrahim', 'Ivanova', 'Jackson', 'Jensen', 'Johansson',
  'Kaplan', 'Kelly', 'Khan', 'Kim', 'Kowalski', 'Kumar', 'Larsen', 'Laurent', 'Lee', 'Lindqvist', 'Lopez', 'Martin',
  'Martinez', 'Mendes', 'Meyer', 'Moreau', 'Morgan', 'Muller', 'Murphy', 'Nakamura', 'Nguyen', 'Nielsen', 'Novak', 'Okafor',
  'Olsen', 'Ortiz', 'Patel', 'Peterson', 'Petrov', 'Quinn', 'Ramirez', 'Reyes', 'Richter', 'Rossi', 'Russo', 'Sato',
  'Schmidt', 'Schneider', 'Silva', 'Singh', 'Sokolov', 'Suzuki', 'Tanaka', 'Thompson', 'Torres', 'Turner', 'Varga', 'Vasquez',
  'Wagner', 'Walker', 'Weber', 'Williams', 'Wilson', 'Wong', 'Yamamoto', 'Yilmaz', 'Young', 'Zhang', 'Zimmermann', 'Zielinski',
];

export const COMPANY_WORDS = [
  'Acme', 'Apex', 'Atlas', 'Beacon', 'Blue', 'Cedar', 'Crest', 'Delta', 'Echo', 'Falcon', 'Global', 'Harbor',
  'Horizon', 'Iron', 'Keystone', 'Lumen', 'Maple', 'Nexus', 'Nova', 'Orbit', 'Pioneer', 'Quartz', 'Summit', 'Vertex',
];

/** Three-letter pieces of last names, lowercase (the API's search is case-insensitive). */
export function lastNameFragments(): string[] {
  const out = new Set<string>();
  for (const name of LAST_NAMES) {
    const lower = name.toLowerCase();
    for (let i = 0; i + 3 <= lower.length; i += 2) out.add(lower.slice(i, i + 3));
  }
  return [...out];
}
