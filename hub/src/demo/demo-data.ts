/**
 * The demo mall, generated deterministically so that the simulator can know the
 * same members, plates and stores the hub seeded without asking the hub.
 */

/** Mulberry32: tiny, seedable, good enough for demo data (not for secrets). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_MALL = { nameZh: '星河汇购物中心', nameEn: 'Galaxy Plaza' };

export interface DemoStore {
  id: string;
  nameZh: string;
  nameEn: string;
  category: string;
  floor: string;
  zone: string;
  /** Typical ticket in fen, for the simulator. */
  typicalFen: number;
}

const STORE_NAMES: Record<string, Array<[string, string]>> = {
  dining: [['海底捞', 'Haidilao Hot Pot'], ['喜茶', 'HEYTEA'], ['星巴克', 'Starbucks'], ['西贝莜面村', 'Xibei'], ['太二酸菜鱼', 'Tai Er'], ['必胜客', 'Pizza Hut'], ['鼎泰丰', 'Din Tai Fung'], ['奈雪的茶', 'Nayuki']],
  fashion: [['优衣库', 'UNIQLO'], ['ZARA', 'ZARA'], ['H&M', 'H&M'], ['太平鸟', 'PEACEBIRD'], ['波司登', 'Bosideng'], ['李宁', 'Li-Ning'], ['安踏', 'ANTA']],
  kids: [['孩子王', 'Kidswant'], ['乐高', 'LEGO'], ['玩具反斗城', 'Toys"R"Us'], ['巴拉巴拉', 'Balabala'], ['宝贝乐园', 'Kids Park']],
  beauty: [['丝芙兰', 'Sephora'], ['屈臣氏', 'Watsons'], ['完美日记', 'Perfect Diary'], ['花西子', 'Florasis'], ['兰蔻', 'Lancôme']],
  home: [['无印良品', 'MUJI'], ['名创优品', 'MINISO'], ['宜家小店', 'IKEA Studio'], ['野兽派', 'The Beast']],
  cinema: [['万达影城', 'Wanda Cinema'], ['CGV影城', 'CGV Cinemas']],
  digital: [['华为', 'Huawei'], ['小米之家', 'Xiaomi'], ['苹果授权店', 'Apple Reseller'], ['大疆', 'DJI']],
  supermarket: [['盒马鲜生', 'Freshippo'], ['Ole精品超市', 'Olé']],
  sports: [['迪卡侬', 'Decathlon'], ['耐克', 'Nike'], ['阿迪达斯', 'adidas']],
};

const TYPICAL_FEN: Record<string, number> = { dining: 12_000, fashion: 45_000, kids: 25_000, beauty: 38_000, home: 20_000, cinema: 9_000, digital: 220_000, supermarket: 18_000, sports: 60_000 };
const FLOOR_OF: Record<string, string> = { dining: 'L4', fashion: 'L1', kids: 'L3', beauty: 'L1', home: 'L2', cinema: 'L4', digital: 'L2', supermarket: 'B1', sports: 'L3' };
const ZONES = ['east', 'west', 'atrium'];

export function demoStores(): DemoStore[] {
  const stores: DemoStore[] = [];
  for (const [category, names] of Object.entries(STORE_NAMES)) {
    names.forEach(([nameZh, nameEn], i) => {
      stores.push({
        id: `${category}-${String(i + 1).padStart(2, '0')}`,
        nameZh,
        nameEn,
        category,
        floor: FLOOR_OF[category] ?? 'L1',
        zone: ZONES[i % ZONES.length]!,
        typicalFen: TYPICAL_FEN[category] ?? 20_000,
      });
    });
  }
  return stores;
}

export const DEMO_GATES = [
  { id: 'gate-north', name: 'North entrance (B1)', zone: 'P-north' },
  { id: 'gate-south', name: 'South entrance (B2)', zone: 'P-south' },
];

export const DEMO_SCREENS = [
  { id: 'barrier-north', name: 'North barrier display', kind: 'barrier' as const, gateId: 'gate-north', floor: 'B1', zone: 'P-north' },
  { id: 'barrier-south', name: 'South barrier display', kind: 'barrier' as const, gateId: 'gate-south', floor: 'B2', zone: 'P-south' },
  { id: 'floor-l1-atrium', name: 'L1 atrium LED', kind: 'floor' as const, floor: 'L1', zone: 'atrium' },
  { id: 'floor-l2-east', name: 'L2 east escalator', kind: 'floor' as const, floor: 'L2', zone: 'east' },
  { id: 'floor-b1-lift', name: 'B1 lift lobby', kind: 'floor' as const, floor: 'B1', zone: 'west' },
];

export const DEMO_KIOSKS = [
  { id: 'kiosk-atrium', name: 'L1 atrium kiosk (portrait)', floor: 'L1', zone: 'atrium' },
  { id: 'kiosk-b1', name: 'B1 car park lobby kiosk (landscape)', floor: 'B1', zone: 'west' },
];

export interface DemoMember {
  phone: string;
  name: string;
  birthday: string;
  tier: 'member' | 'silver' | 'gold' | 'platinum';
  points: number;
  plates: string[];
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '小红', '子涵', '欣怡', '浩然', '梓萱', '宇轩'];
const PROVINCES = ['浙', '沪', '苏', '京', '粤', '皖', '闽'];
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // plates skip I and O
const DIGITS = '0123456789';

export const DEMO_MEMBER_COUNT = 500;

export function demoMembers(count = DEMO_MEMBER_COUNT): DemoMember[] {
  const rand = seededRandom(20261125);
  const pick = <T>(xs: readonly T[] | string): T => xs[Math.floor(rand() * xs.length)] as T;
  const phones = new Set<string>();
  const plates = new Set<string>();
  const members: DemoMember[] = [];
  while (members.length < count) {
    const phone = `1${pick('3578')}${Array.from({ length: 9 }, () => pick(DIGITS)).join('')}`;
    if (phones.has(phone)) continue;
    phones.add(phone);
    const roll = rand();
    const tier = roll < 0.04 ? 'platinum' : roll < 0.15 ? 'gold' : roll < 0.4 ? 'silver' : 'member';
    const points = Math.floor(rand() * ({ member: 2_000, silver: 8_000, gold: 20_000, platinum: 60_000 }[tier]));
    const carCount = rand() < 0.7 ? 1 : rand() < 0.5 ? 2 : 0;
    const memberPlates: string[] = [];
    while (memberPlates.length < carCount) {
      const newEnergy = rand() < 0.25;
      const tail = newEnergy
        ? `${pick('DF')}${Array.from({ length: 5 }, () => pick(DIGITS)).join('')}`
        : Array.from({ length: 5 }, (_, i) => (i === 0 && rand() < 0.3 ? pick(LETTERS) : pick(DIGITS))).join('');
      const plate = `${pick(PROVINCES)}${pick(LETTERS)}${tail}`;
      if (plates.has(plate)) continue;
      plates.add(plate);
      memberPlates.push(plate);
    }
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    members.push({
      phone,
      name: pick(SURNAMES) + pick(GIVEN),
      birthday: `${1960 + Math.floor(rand() * 45)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      tier,
      points,
      plates: memberPlates,
    });
  }
  return members;
}

/** Plates of cars that belong to no member: the simulator's strangers. */
export function strangerPlates(count: number, seed = 7): string[] {
  const rand = seededRandom(seed);
  const pick = (xs: string) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: count }, () => `${pick('豫鲁川湘鄂')}${pick(LETTERS)}${Array.from({ length: 5 }, () => pick(DIGITS)).join('')}`);
}
