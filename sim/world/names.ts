/**
 * Name pools. Includes the values that break naive CSV writers and display code: commas, quotes,
 * unicode, emoji, right-to-left text and formula-looking leading characters (= + - @).
 */

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Priya', 'Arjun', 'Aroha', 'Tane', 'Siobhan', 'Hiroshi', 'Yuki', 'Sven', 'Ingrid', 'Mateo',
  'Zoë', 'José', 'Renée', 'Björn', 'Chloé', 'Nguyễn', 'Ólafur', 'Łukasz', 'Søren', 'Anaïs',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee',
  "O'Brien", 'Müller', 'Sharma', 'Patel', 'Tanaka', 'Ngata', 'Fitzgerald', 'Nakamura', 'Kowalski', 'Dubois',
] as const;

/** Awkward contact names: [firstName, lastName]. Used on a fixed share of contacts. */
export const TRICKY_PEOPLE: readonly (readonly [string, string])[] = [
  ['=HYPERLINK("http://x.example","click")', 'Formula'],
  ['John', 'Smith, Jr.'],
  ['"Bubba"', 'Gump'],
  ['Zoë', 'Ångström'],
  ['+1', 'Plus'],
  ['-2+3', 'Minus'],
  ['@SUM(A1)', 'At'],
  ['李', '小龙'],
  ['محمد', 'علي'],
  ['Renée 🦄', 'Emoji'],
  ['Line\nBreak', 'Newline'],
  ['Tab\tbed', "D'Angelo"],
];

export const COMPANY_NAMES = [
  'Acme Plumbing', 'Bright Smiles Dental', 'Northside Fitness', 'Harbor Realty', 'Green Leaf Landscaping',
  'Summit Roofing', 'Blue Ocean Spa', 'Metro Auto Care', 'Sunrise Chiropractic', 'Peak Performance Gym',
  'Smith, Jones & Co', 'Café "Zoë"', 'Ünïcödé GmbH', '=1+1 Accounting',
] as const;

/** Location names for the first twelve locations; later ones are built from COMPANY_NAMES. */
export const PRIMARY_LOCATION_NAMES = [
  'Downtown Dental NYC',
  'Mumbai Smiles Clinic',
  'Smith, Jones & Co',
  'Café "Zoë"',
  '=HYPERLINK("x")',
  'UTC Test Location',
  'Tōkyō Beauty Studio 東京',
  'Chicago Roofing, Inc.',
  'Adelaide Fitness',
  'Kathmandu Treks',
  'Berliner Zahnärzte GmbH',
  'LA Realty @ Home',
] as const;

export const STREETS = ['Main St', 'High Street', 'Oak Ave', 'Station Rd', 'Queen St', 'Market Sq', 'Rue de la Paix'] as const;
export const SOURCES = ['facebook', 'google ads', 'website form', 'referral', 'walk-in', 'instagram', 'import', 'chat widget'] as const;
export const TAGS = ['lead', 'customer', 'vip', 'newsletter', 'cold', 'hot', 'webinar', 'black friday', 'no-show', 'follow up'] as const;
export const OPPORTUNITY_NOUNS = ['Whitening package', 'Annual membership', 'Roof repair', 'Consultation', 'Listing', 'Retainer', 'Bundle', 'Upgrade'] as const;
export const LOST_REASONS = ['Too expensive', 'Went with competitor', 'No response', 'Not a fit'] as const;
