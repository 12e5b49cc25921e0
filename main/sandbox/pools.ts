/**
 * Word pools for synthetic practices. Names are deliberately varied — accents (José, Zoë, Müller,
 * Nguyễn), apostrophes (O'Brien, D'Angelo), non-Latin scripts (李, Иван, محمد) — because real
 * front desks have them and search, sorting and encoding must cope.
 */
import type { Rng } from './random';

export interface Culture {
  readonly name: string;
  readonly latin: boolean;
  readonly male: readonly string[];
  readonly female: readonly string[];
  readonly last: readonly string[];
}

const american: Culture = {
  name: 'american',
  latin: true,
  male: ['James', 'Michael', 'Robert', 'John', 'David', 'William', 'Richard', 'Joseph', 'Thomas', 'Christopher', 'Daniel', 'Matthew', 'Anthony', 'Mark', 'Steven', 'Andrew', 'Joshua', 'Kevin', 'Brian', 'Ryan', 'Tyler', 'Ethan', 'Noah', 'Liam', 'Mason', 'Logan', 'Caleb', 'Wyatt'],
  female: ['Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Emily', 'Ashley', 'Emma', 'Olivia', 'Ava', 'Madison', 'Hannah', 'Abigail', 'Grace', 'Chloe', 'Brianna', 'Kayla', 'Megan', 'Harper'],
  last: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards', 'Collins', 'Stewart', 'Morris', 'Rogers', 'Reed', 'Cook', 'Morgan', 'Bell', 'Cooper', 'Richardson', 'Howard', 'Ward', 'Peterson', 'Gray', 'Watson', 'Brooks', 'Kelly', 'Sanders', 'Price', 'Bennett', 'Wood', 'Barnes', 'Henderson', 'Coleman', 'Jenkins', 'Perry', 'Powell', 'Patterson', 'Hughes', 'Washington', 'Butler', 'Foster', 'Bryant', 'Griffin', 'Hayes', 'Myers', 'Hamilton', 'Sullivan', 'Wallace', 'Reynolds', 'Fisher', 'Ellis', 'McDonald', 'McKenzie', 'Smith-Jones', 'St. John', 'Van der Berg'],
};

const hispanic: Culture = {
  name: 'hispanic',
  latin: true,
  male: ['José', 'Luis', 'Carlos', 'Juan', 'Jesús', 'Miguel', 'Ángel', 'Andrés', 'Raúl', 'Sebastián', 'Martín', 'Joaquín', 'Héctor', 'Iván'],
  female: ['María', 'Sofía', 'Lucía', 'Valentina', 'Camila', 'Ximena', 'Guadalupe', 'Inés', 'Mónica', 'Begoña', 'Daniela', 'Renata', 'Ana María', 'Verónica'],
  last: ['García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores', 'Rivera', 'Gómez', 'Díaz', 'Muñoz', 'Peña', 'Ibáñez', 'Núñez', 'de la Cruz', 'Castillo', 'Ortiz'],
};

const celticItalian: Culture = {
  name: 'celtic-italian',
  latin: true,
  male: ['Seán', 'Patrick', 'Liam', 'Giuseppe', 'Marco', 'Dónal', 'Cillian', 'Giovanni', 'Niccolò', 'Brendan'],
  female: ['Siobhán', 'Aoife', 'Niamh', 'Giulia', 'Francesca', 'Róisín', 'Chiara', 'Maeve', 'Caitríona'],
  last: ["O'Brien", "O'Connor", "O'Neill", "O'Sullivan", "O'Malley", "D'Angelo", "D'Amico", "Dell'Orto", 'McCarthy', 'Russo', 'Lo Bianco', "D'Souza"],
};

const european: Culture = {
  name: 'european',
  latin: true,
  male: ['François', 'Jürgen', 'Björn', 'Søren', 'Stéphane', 'Lukáš', 'Jörg', 'André', 'Håkon', 'Zbigniew', 'Gérard'],
  female: ['Zoë', 'Chloé', 'Renée', 'Hélène', 'Åsa', 'Birgit', 'Anaïs', 'Małgorzata', 'Noémie', 'Françoise', 'Ingrid'],
  last: ['Müller', 'Schröder', 'Groß', 'Lefèvre', 'Côté', 'Østergaard', 'Björk', 'Dvořák', 'Kowalczyk', 'Šimić', 'Brontë', 'Fischer', 'Dubois'],
};

const vietnamese: Culture = {
  name: 'vietnamese',
  latin: true,
  male: ['Minh', 'Đức', 'Huy', 'Quang', 'Tuấn', 'Phúc', 'Khoa', 'Bảo'],
  female: ['Thảo', 'Linh', 'Ngọc', 'Hương', 'Trâm', 'Phương', 'Mai', 'Vy'],
  last: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi'],
};

const southAsian: Culture = {
  name: 'south-asian',
  latin: true,
  male: ['Arjun', 'Rohan', 'Vikram', 'Aarav', 'Sanjay', 'Rahul', 'Karthik', 'Imran'],
  female: ['Priya', 'Ananya', 'Aditi', 'Deepa', 'Kavya', 'Lakshmi', 'Sunita', 'Ayesha'],
  last: ['Patel', 'Sharma', 'Reddy', 'Iyer', 'Gupta', 'Nair', 'Singh', 'Chatterjee', 'Khan'],
};

const chinese: Culture = {
  name: 'chinese',
  latin: false,
  male: ['伟', '强', '磊', '军', '明', '浩然', '志强', '建国'],
  female: ['芳', '娜', '静', '丽', '秀英', '婷', '美玲', '晓燕'],
  last: ['李', '王', '张', '刘', '陈', '杨', '黄', '赵', '欧阳'],
};

const cyrillic: Culture = {
  name: 'cyrillic',
  latin: false,
  male: ['Иван', 'Дмитрий', 'Алексей', 'Сергей', 'Андрій', 'Олег', 'Николай'],
  female: ['Анна', 'Ольга', 'Наталья', 'Ирина', 'Оксана', 'Юлия', 'Светлана'],
  // Ukrainian surnames in -enko/-uk read the same for women and men.
  last: ['Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравчук', 'Олійник', 'Мельник', 'Поліщук'],
};

const arabic: Culture = {
  name: 'arabic',
  latin: false,
  male: ['محمد', 'أحمد', 'علي', 'عمر', 'يوسف', 'خالد', 'حسن'],
  female: ['فاطمة', 'مريم', 'ليلى', 'نور', 'سارة', 'عائشة', 'زينب'],
  last: ['الحسن', 'حداد', 'خوري', 'منصور', 'عباس', 'السيد', 'النجار'],
};

const korean: Culture = {
  name: 'korean',
  latin: false,
  male: ['민준', '서준', '지훈', '현우', '도윤'],
  female: ['서연', '지우', '하은', '민서', '수아'],
  last: ['김', '이', '박', '최', '정'],
};

const japanese: Culture = {
  name: 'japanese',
  latin: false,
  male: ['翔太', '大輔', '健', '蓮'],
  female: ['陽菜', '花子', 'さくら', '結衣'],
  last: ['佐藤', '鈴木', '高橋', '田中', '渡辺'],
};

const hebrew: Culture = {
  name: 'hebrew',
  latin: false,
  male: ['דוד', 'יוסף', 'אברהם', 'משה'],
  female: ['שרה', 'רחל', 'מרים', 'נועה'],
  last: ['כהן', 'לוי', 'מזרחי', 'פרץ'],
};

export const CULTURES: readonly (readonly [Culture, number])[] = [
  [american, 46],
  [hispanic, 14],
  [celticItalian, 7],
  [european, 7],
  [vietnamese, 5],
  [southAsian, 5],
  [chinese, 5],
  [cyrillic, 4],
  [arabic, 4],
  [korean, 1.5],
  [japanese, 1],
  [hebrew, 0.5],
];

export const NICKNAMES: Readonly<Record<string, string>> = {
  Robert: 'Bob', William: 'Bill', Elizabeth: 'Liz', Michael: 'Mike', Christopher: 'Chris', Jennifer: 'Jen',
  Joseph: 'Joe', Matthew: 'Matt', Anthony: 'Tony', Patricia: 'Patty', Richard: 'Rick', Daniel: 'Dan',
  Abigail: 'Abby', Steven: 'Steve', Jessica: 'Jess', 'Ana María': 'Anita', Francesca: 'Frankie',
  Giuseppe: 'Joe', Małgorzata: 'Gosia', Joaquín: 'Quino', Guadalupe: 'Lupe', Niccolò: 'Nico', Zbigniew: 'Zbyszek',
};

/** A letter for a middle initial. */
export const MIDDLE_INITIALS: readonly string[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'W'];

export const STREETS: readonly string[] = [
  'Maple Ave', 'Oak St', 'Lincoln Ave', 'Washington St', 'Cedar Ln', 'Elm St', 'Park Ave', 'Lakeview Dr',
  'Sunset Blvd', 'Walnut St', 'Chestnut St', 'Hillcrest Rd', 'Meadow Ln', 'Willow Way', 'Church St', 'Main St',
  'S 2nd St', 'N Grand Ave', 'Old Route 66', "O'Connell Ct", 'Martin Luther King Jr Dr', 'Peña Ct', 'Birch Hollow Rd',
  'Prairie Crossing', 'W Monroe St', 'Jefferson Pkwy', 'Cherry Blossom Ln', 'Country Club Dr',
];

export const UNITS: readonly string[] = ['Apt 4B', 'Unit 12', 'Apt 203', '#3', 'Suite 110', 'Lot 27', 'Apt C'];

export interface Region {
  readonly state: string;
  readonly areaCodes: readonly string[];
  readonly cities: readonly (readonly [city: string, zip: string])[];
  /** Windows zone names this region lies in. */
  readonly zones: readonly string[];
}

export const REGIONS: readonly Region[] = [
  {
    state: 'IL',
    areaCodes: ['217', '217', '217', '309', '618'],
    cities: [['Springfield', '62701'], ['Springfield', '62702'], ['Springfield', '62704'], ['Chatham', '62629'], ['Rochester', '62563'], ['Sherman', '62684'], ['Riverton', '62561'], ['Jacksonville', '62650'], ['Decatur', '62521']],
    zones: ['Central Standard Time'],
  },
  {
    state: 'VA',
    areaCodes: ['757', '757', '757', '804'],
    cities: [['Newport News', '23602'], ['Newport News', '23606'], ['Hampton', '23666'], ['Williamsburg', '23185'], ['Yorktown', '23692'], ['Norfolk', '23510'], ['Virginia Beach', '23451']],
    zones: ['Eastern Standard Time', 'US Eastern Standard Time'],
  },
  {
    state: 'CA',
    areaCodes: ['408', '408', '669', '650'],
    cities: [['San Jose', '95110'], ['San Jose', '95116'], ['San Jose', '95125'], ['Santa Clara', '95050'], ['Campbell', '95008'], ['Milpitas', '95035']],
    zones: ['Pacific Standard Time'],
  },
  {
    state: 'TX',
    areaCodes: ['512', '512', '737'],
    cities: [['Austin', '78701'], ['Austin', '78704'], ['Round Rock', '78664'], ['Pflugerville', '78660'], ['Cedar Park', '78613']],
    zones: ['Central Standard Time'],
  },
  {
    state: 'CO',
    areaCodes: ['303', '720'],
    cities: [['Denver', '80203'], ['Aurora', '80012'], ['Lakewood', '80226'], ['Englewood', '80110']],
    zones: ['Mountain Standard Time'],
  },
];

/** Phone numbers written the many ways PMS users type them. */
export function formatPhone(rng: Rng, area: string, exchange: string, line: string, allowExtension: boolean): string {
  const style = rng.int(allowExtension ? 10 : 9);
  switch (style) {
    case 0:
    case 1:
      return `(${area}) ${exchange}-${line}`;
    case 2:
      return `${area}-${exchange}-${line}`;
    case 3:
      return `${area}.${exchange}.${line}`;
    case 4:
      return `+1 ${area} ${exchange} ${line}`;
    case 5:
      return `${area}${exchange}${line}`;
    case 6:
      return `1-${area}-${exchange}-${line}`;
    case 7:
      return `(${area})${exchange}-${line}`;
    case 8:
      return `${area} ${exchange} ${line}`;
    default:
      return `${area}-${exchange}-${line} x${rng.between(2, 499)}`;
  }
}

/** Strips accents for e-mail local parts; undefined when nothing Latin is left. */
export function asciiFold(text: string): string | undefined {
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßđĐłŁøØåÅæÆ]/g, (c) => ({ ß: 'ss', đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', å: 'a', Å: 'A', æ: 'ae', Æ: 'AE' })[c] ?? '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return folded === '' ? undefined : folded;
}

export const EMAIL_DOMAINS: readonly string[] = ['example.com', 'example.net', 'example.org', 'mail.example.com'];

export interface PetSpecies {
  readonly species: string;
  readonly breeds: readonly string[];
  readonly pounds: readonly [min: number, max: number];
  readonly colors: readonly string[];
  readonly lifeYears: number;
}

export const PET_SPECIES: readonly (readonly [PetSpecies, number])[] = [
  [{ species: 'Canine', breeds: ['Labrador Retriever', 'Golden Retriever', 'German Shepherd', 'Beagle', 'French Bulldog', 'Dachshund', 'Standard Poodle', 'Yorkshire Terrier', 'Shih Tzu', 'Boxer', 'Mixed Breed', 'Chihuahua', 'Border Collie', 'Bernese Mountain Dog', 'Pit Bull Terrier'], pounds: [4, 110], colors: ['Black', 'Yellow', 'Chocolate', 'Brindle', 'Tricolor', 'Black & Tan', 'White', 'Merle', 'Red', 'Fawn'], lifeYears: 15 }, 55],
  [{ species: 'Feline', breeds: ['Domestic Shorthair', 'Domestic Longhair', 'Siamese', 'Maine Coon', 'Persian', 'Ragdoll', 'Bengal', 'Sphynx'], pounds: [6, 18], colors: ['Tabby', 'Black', 'Calico', 'Orange Tabby', 'Gray', 'Tuxedo', 'Tortoiseshell', 'Seal Point'], lifeYears: 18 }, 35],
  [{ species: 'Equine', breeds: ['Quarter Horse', 'Thoroughbred', 'Arabian', 'Appaloosa'], pounds: [800, 1300], colors: ['Bay', 'Chestnut', 'Gray', 'Palomino'], lifeYears: 28 }, 2],
  [{ species: 'Avian', breeds: ['Cockatiel', 'Budgerigar', 'African Grey', 'Conure'], pounds: [0.1, 1.2], colors: ['Gray', 'Green', 'Yellow', 'Blue'], lifeYears: 20 }, 2],
  [{ species: 'Lagomorph', breeds: ['Holland Lop', 'Mini Rex', 'Netherland Dwarf', 'Lionhead'], pounds: [2, 10], colors: ['White', 'Brown', 'Gray', 'Black & White'], lifeYears: 10 }, 4],
  [{ species: 'Reptile', breeds: ['Bearded Dragon', 'Leopard Gecko', 'Ball Python'], pounds: [0.1, 5], colors: ['Tan', 'Orange', 'Brown'], lifeYears: 15 }, 2],
];

export const PET_NAMES: readonly string[] = [
  'Max', 'Bella', 'Luna', 'Charlie', 'Lucy', 'Cooper', 'Daisy', 'Milo', 'Zoë', 'Señor Bigotes', 'Mochi', 'Bao',
  'Пушок', 'Kiki', 'Jäger', "O'Malley", 'Mr. Whiskers', 'Café', 'Nala', 'Simba', 'Biscuit', 'Pepper', 'Oreo',
  'Shadow', 'Ziggy', 'Rocky', 'Duke', 'Coco', 'Lola', 'Sadie', 'Bailey', 'Tux', 'Ginger', 'Thor', 'Loki', 'Koda',
  'Hachi', 'Yuki', '小白', 'Chloé', 'Bruno', 'Penny', 'Gus', 'Winston', 'Frida', 'Pippin', 'Noodle', 'Rosie',
];
