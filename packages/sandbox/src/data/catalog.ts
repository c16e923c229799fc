// What a typical mid-size company's JumpCloud holds: departments, titles, SSO apps and the
// software found on its devices. Plain data, read by the generators.

export interface Department {
  name: string
  costCenter: string
  titles: readonly string[]
  headTitle: string
  /** Sub-teams become user groups nested in the department's group. */
  teams: readonly string[]
  /** Relative head count. */
  weight: number
}

export const DEPARTMENTS: readonly Department[] = [
  {
    name: 'Engineering',
    costCenter: 'CC-100',
    headTitle: 'VP of Engineering',
    titles: [
      'Software Engineer',
      'Senior Software Engineer',
      'Staff Engineer',
      'SRE',
      'QA Engineer',
    ],
    teams: ['Platform Team', 'Mobile Team'],
    weight: 30,
  },
  {
    name: 'Sales',
    costCenter: 'CC-200',
    headTitle: 'VP of Sales',
    titles: ['Account Executive', 'Sales Development Rep', 'Sales Engineer', 'Sales Manager'],
    teams: ['EMEA Sales'],
    weight: 20,
  },
  {
    name: 'Customer Success',
    costCenter: 'CC-250',
    headTitle: 'Head of Customer Success',
    titles: ['Customer Success Manager', 'Support Engineer', 'Onboarding Specialist'],
    teams: [],
    weight: 12,
  },
  {
    name: 'Marketing',
    costCenter: 'CC-300',
    headTitle: 'CMO',
    titles: ['Product Marketing Manager', 'Content Writer', 'Designer', 'Growth Marketer'],
    teams: [],
    weight: 10,
  },
  {
    name: 'Finance',
    costCenter: 'CC-400',
    headTitle: 'CFO',
    titles: ['Accountant', 'Financial Analyst', 'Controller'],
    teams: [],
    weight: 6,
  },
  {
    name: 'People',
    costCenter: 'CC-500',
    headTitle: 'Head of People',
    titles: ['Recruiter', 'People Partner', 'Talent Coordinator'],
    teams: [],
    weight: 5,
  },
  {
    name: 'IT',
    costCenter: 'CC-600',
    headTitle: 'IT Director',
    titles: ['IT Administrator', 'Help Desk Technician', 'Security Engineer'],
    teams: [],
    weight: 5,
  },
]

export const LOCATIONS = ['Remote', 'New York', 'San Francisco', 'Denver', 'London', 'Berlin']
export const EMPLOYEE_TYPES = [
  ['Full-time', 80],
  ['Part-time', 5],
  ['Contractor', 12],
  ['Intern', 3],
] as const

/** Admin portal roles (jumpcloud-api.md §7). */
export const ADMIN_ROLES = [
  'Administrator with Billing',
  'Administrator',
  'Manager',
  'Help Desk',
  'Read Only',
  'Command Runner',
] as const

export interface SsoAppTemplate {
  name: string
  displayName: string
  /** Groups (department names or 'All Employees') the app is bound to. */
  groups: readonly string[]
}

export const SSO_APPS: readonly SsoAppTemplate[] = [
  { name: 'slack', displayName: 'Slack', groups: ['All Employees'] },
  { name: 'googleapps', displayName: 'Google Workspace', groups: ['All Employees'] },
  { name: 'zoom', displayName: 'Zoom', groups: ['All Employees'] },
  { name: 'github', displayName: 'GitHub', groups: ['Engineering'] },
  { name: 'aws-sso', displayName: 'AWS IAM Identity Center', groups: ['Platform Team', 'IT'] },
  { name: 'atlassian', displayName: 'Jira', groups: ['Engineering', 'Customer Success'] },
  { name: 'salesforce', displayName: 'Salesforce', groups: ['Sales', 'Customer Success'] },
  { name: 'zendesk', displayName: 'Zendesk', groups: ['Customer Success'] },
  { name: 'figma', displayName: 'Figma', groups: ['Marketing'] },
  { name: 'netsuite', displayName: 'NetSuite', groups: ['Finance'] },
]

export interface MacApp {
  name: string
  bundle: string
  version: string
  category: string
}

export const MAC_APPS: readonly MacApp[] = [
  {
    name: 'Safari',
    bundle: 'com.apple.Safari',
    version: '17.5',
    category: 'public.app-category.productivity',
  },
  {
    name: 'Google Chrome',
    bundle: 'com.google.Chrome',
    version: '126.0.6478.127',
    category: 'public.app-category.productivity',
  },
  {
    name: 'Slack',
    bundle: 'com.tinyspeck.slackmacgap',
    version: '4.39.90',
    category: 'public.app-category.business',
  },
  {
    name: 'zoom.us',
    bundle: 'us.zoom.xos',
    version: '6.1.1',
    category: 'public.app-category.business',
  },
  {
    name: '1Password',
    bundle: 'com.1password.1password',
    version: '8.10.36',
    category: 'public.app-category.productivity',
  },
  {
    name: 'Microsoft Word',
    bundle: 'com.microsoft.Word',
    version: '16.86',
    category: 'public.app-category.productivity',
  },
  {
    name: 'Microsoft Excel',
    bundle: 'com.microsoft.Excel',
    version: '16.86',
    category: 'public.app-category.productivity',
  },
  {
    name: 'Visual Studio Code',
    bundle: 'com.microsoft.VSCode',
    version: '1.90.2',
    category: 'public.app-category.developer-tools',
  },
  {
    name: 'Docker',
    bundle: 'com.docker.docker',
    version: '4.31.0',
    category: 'public.app-category.developer-tools',
  },
  {
    name: 'iTerm',
    bundle: 'com.googlecode.iterm2',
    version: '3.5.2',
    category: 'public.app-category.developer-tools',
  },
  {
    name: 'Figma',
    bundle: 'com.figma.Desktop',
    version: '124.1.16',
    category: 'public.app-category.graphics-design',
  },
  {
    name: 'Falcon',
    bundle: 'com.crowdstrike.falcon.App',
    version: '7.15.18513',
    category: 'public.app-category.utilities',
  },
  {
    name: 'Notion',
    bundle: 'notion.id',
    version: '3.10.0',
    category: 'public.app-category.productivity',
  },
  {
    name: 'Firefox',
    bundle: 'org.mozilla.firefox',
    version: '127.0.2',
    category: 'public.app-category.productivity',
  },
  {
    name: 'Spotify',
    bundle: 'com.spotify.client',
    version: '1.2.40.599',
    category: 'public.app-category.music',
  },
  {
    name: 'JumpCloud',
    bundle: 'com.jumpcloud.jcagent-tray',
    version: '1.18.0',
    category: 'public.app-category.utilities',
  },
]

export interface WindowsProgram {
  name: string
  publisher: string
  version: string
}

export const WINDOWS_PROGRAMS: readonly WindowsProgram[] = [
  { name: 'Google Chrome', publisher: 'Google LLC', version: '126.0.6478.127' },
  {
    name: 'Microsoft 365 Apps for enterprise - en-us',
    publisher: 'Microsoft Corporation',
    version: '16.0.17628.20144',
  },
  { name: 'Microsoft Teams', publisher: 'Microsoft Corporation', version: '24152.405.2925.6762' },
  { name: 'Slack', publisher: 'Slack Technologies Inc.', version: '4.39.90' },
  {
    name: 'Zoom Workplace (64-bit)',
    publisher: 'Zoom Video Communications, Inc.',
    version: '6.1.1',
  },
  { name: '1Password', publisher: 'AgileBits Inc.', version: '8.10.36' },
  { name: '7-Zip 23.01 (x64)', publisher: 'Igor Pavlov', version: '23.01' },
  { name: 'Notepad++ (64-bit x64)', publisher: 'Notepad++ Team', version: '8.6.8' },
  { name: 'Git', publisher: 'The Git Development Community', version: '2.45.2' },
  { name: 'CrowdStrike Windows Sensor', publisher: 'CrowdStrike, Inc.', version: '7.15.18514.0' },
  { name: 'Adobe Acrobat (64-bit)', publisher: 'Adobe', version: '24.002.20857' },
  { name: 'JumpCloud Agent', publisher: 'JumpCloud Inc.', version: '1.18.0' },
  { name: 'Mozilla Firefox (x64 en-US)', publisher: 'Mozilla', version: '127.0.2' },
]

export interface OsRelease {
  platform: 'macos' | 'windows' | 'linux' | 'ios' | 'ipados'
  os: string
  osFamily: string
  osName: string
  version: string
  releaseName: string
  build: string
  distributionName: string
  weight: number
}

export const OS_RELEASES: readonly OsRelease[] = [
  {
    platform: 'macos',
    os: 'Mac OS X',
    osFamily: 'darwin',
    osName: 'macOS',
    version: '15.1.1',
    releaseName: 'Sequoia',
    build: '24B91',
    distributionName: '',
    weight: 14,
  },
  {
    platform: 'macos',
    os: 'Mac OS X',
    osFamily: 'darwin',
    osName: 'macOS',
    version: '14.7.1',
    releaseName: 'Sonoma',
    build: '23H222',
    distributionName: '',
    weight: 18,
  },
  {
    platform: 'macos',
    os: 'Mac OS X',
    osFamily: 'darwin',
    osName: 'macOS',
    version: '13.6.9',
    releaseName: 'Ventura',
    build: '22G830',
    distributionName: '',
    weight: 8,
  },
  {
    platform: 'macos',
    os: 'Mac OS X',
    osFamily: 'darwin',
    osName: 'macOS',
    version: '12.7.6',
    releaseName: 'Monterey',
    build: '21H1320',
    distributionName: '',
    weight: 3,
  },
  {
    platform: 'windows',
    os: 'Windows',
    osFamily: 'windows',
    osName: 'Windows 11 Pro',
    version: '11 Pro 23H2',
    releaseName: '23H2',
    build: '22631.4460',
    distributionName: '',
    weight: 18,
  },
  {
    platform: 'windows',
    os: 'Windows',
    osFamily: 'windows',
    osName: 'Windows 11 Enterprise',
    version: '11 Enterprise 24H2',
    releaseName: '24H2',
    build: '26100.2314',
    distributionName: '',
    weight: 6,
  },
  {
    platform: 'windows',
    os: 'Windows',
    osFamily: 'windows',
    osName: 'Windows 10 Pro',
    version: '10 Pro 22H2',
    releaseName: '22H2',
    build: '19045.5131',
    distributionName: '',
    weight: 10,
  },
  {
    platform: 'linux',
    os: 'Ubuntu',
    osFamily: 'linux',
    osName: 'Ubuntu',
    version: '22.04',
    releaseName: 'Jammy Jellyfish',
    build: '',
    distributionName: 'Ubuntu',
    weight: 7,
  },
  {
    platform: 'linux',
    os: 'Ubuntu',
    osFamily: 'linux',
    osName: 'Ubuntu',
    version: '24.04',
    releaseName: 'Noble Numbat',
    build: '',
    distributionName: 'Ubuntu',
    weight: 4,
  },
  {
    platform: 'linux',
    os: 'Amazon Linux',
    osFamily: 'linux',
    osName: 'Amazon Linux',
    version: '2023',
    releaseName: '',
    build: '',
    distributionName: 'Amazon Linux',
    weight: 2,
  },
  {
    platform: 'ios',
    os: 'iOS',
    osFamily: 'ios',
    osName: 'iOS',
    version: '18.1.1',
    releaseName: '',
    build: '22B91',
    distributionName: '',
    weight: 4,
  },
  {
    platform: 'ios',
    os: 'iOS',
    osFamily: 'ios',
    osName: 'iOS',
    version: '17.6.1',
    releaseName: '',
    build: '21G93',
    distributionName: '',
    weight: 2,
  },
  {
    platform: 'ipados',
    os: 'iPadOS',
    osFamily: 'ios',
    osName: 'iPadOS',
    version: '18.1',
    releaseName: '',
    build: '22B83',
    distributionName: '',
    weight: 3,
  },
]
