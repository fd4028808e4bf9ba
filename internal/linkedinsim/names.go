package linkedinsim

// Immutable tables the world generator draws from. Names are realistic per
// locale so that matching meets what it will meet in production: accents,
// hyphens, apostrophes, particles, and names in CJK and Cyrillic scripts
// (whose Latin forms, used for emails and profile URLs, come with them).

// name is a first or last name in its own script and, for non-Latin
// scripts, its usual romanisation ("" means: fold the native form).
type name struct{ native, latin string }

// locale is one population of the generated world.
type locale struct {
	weight int // share of members, out of the sum of weights
	first  []name
	last   []name
	places []string // "City, Country" as LinkedIn profiles show it
	// hyphenate is the per-mille chance of a double-barrelled last name.
	hyphenate int
}

// n turns plain strings into Latin-script names.
func n(list ...string) []name {
	out := make([]name, len(list))
	for i, s := range list {
		out[i] = name{native: s}
	}
	return out
}

// nl pairs native names with their romanisations: native, latin, native, …
func nl(pairs ...string) []name {
	out := make([]name, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, name{native: pairs[i], latin: pairs[i+1]})
	}
	return out
}

var locales = []locale{
	{weight: 24, hyphenate: 10,
		first: n("James", "Mary", "Michael", "Jennifer", "David", "Linda", "Robert", "Emily", "Daniel",
			"Ashley", "Christopher", "Jessica", "Matthew", "Sarah", "Joshua", "Megan", "Tyler", "Brittany",
			"Mary-Kate", "DeShawn", "Olivia", "Ethan", "Madison", "Liam"),
		last: n("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
			"Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
			"O'Connor", "McDonald", "Nguyen", "Lewis", "Walker", "Young"),
		places: []string{"New York, United States", "San Francisco Bay Area", "Austin, Texas, United States",
			"Chicago, Illinois, United States", "Seattle, Washington, United States", "Boston, Massachusetts, United States"}},
	{weight: 8, hyphenate: 30,
		first: n("Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Siobhán", "Seán", "Niamh", "Ciarán",
			"Aoife", "Eoin", "Saoirse", "Rhys", "Carys"),
		last: n("O'Brien", "O'Sullivan", "Murphy", "Kelly", "Byrne", "Ryan", "Walsh", "McCarthy", "Evans",
			"Hughes", "Davies", "Fitzgerald", "Ó Briain", "Mac Giolla", "Pryce-Jones"),
		places: []string{"London, England, United Kingdom", "Dublin, Ireland", "Manchester, England, United Kingdom",
			"Cork, Ireland", "Cardiff, Wales, United Kingdom"}},
	{weight: 12, hyphenate: 40,
		first: n("Jürgen", "Jörg", "Björn", "Lukas", "Sören", "Günther", "Anna-Lena", "Käthe", "Jürgen-Ulrich",
			"Maximilian", "Lea", "Sophie", "Hannah", "Felix", "Mia", "Ännchen", "Uwe", "Renée"),
		last: n("Müller", "Schäfer", "Groß", "Weiß", "Schröder", "Köhler", "Becker", "Hoffmann", "Schmidt",
			"Krüger", "Meißner", "Fuchs", "Bäcker", "Lüdenscheidt", "von Döhren", "Özdemir", "Jäger"),
		places: []string{"Berlin, Germany", "München, Bayern, Deutschland", "Hamburg, Germany", "Köln, Germany",
			"Zürich, Switzerland", "Wien, Österreich"}},
	{weight: 9, hyphenate: 25,
		first: n("Jean-Pierre", "Marie-Claire", "François", "Hélène", "Amélie", "Jérôme", "Céline", "Loïc",
			"Gaëlle", "Anaïs", "Benoît", "Noémie", "Théo", "Zoé", "Jean-Luc", "Inès"),
		last: n("Dubois", "Lefèvre", "Bézier", "Girard", "Mercier", "D'Almeida", "Lemaître", "Faure",
			"Château", "Noël", "de la Fontaine", "Rousseau", "Bénard", "N'Diaye", "Perrault"),
		places: []string{"Paris, Île-de-France, France", "Lyon, Auvergne-Rhône-Alpes, France", "Montréal, Québec, Canada",
			"Bruxelles, Belgique", "Genève, Suisse"}},
	{weight: 9, hyphenate: 60,
		first: n("José", "María", "Jesús", "Lucía", "Álvaro", "Sofía", "Íñigo", "Begoña", "Ramón", "Inés",
			"João", "Conceição", "Gonçalo", "Thaís", "Luíza", "Sebastián"),
		last: n("García", "Fernández", "Martínez", "López", "Gómez", "Muñoz", "Peña", "Ibáñez", "Núñez",
			"Gonçalves", "Magalhães", "Simões", "Araújo", "Conceição", "Álvarez-Cienfuegos"),
		places: []string{"Madrid, Comunidad de Madrid, España", "Barcelona, Cataluña, España", "São Paulo, Brasil",
			"Lisboa, Portugal", "Ciudad de México, México", "Buenos Aires, Argentina"}},
	{weight: 5, hyphenate: 10,
		first: n("Łukasz", "Małgorzata", "Wojciech", "Zoë", "Paweł", "Agnieszka", "Bartłomiej", "Jiří",
			"Řehoř", "Dušan", "Åsa", "Søren", "Bjørn", "Kristína", "Ömer", "Çağla"),
		last: n("Kowalski", "Wiśniewski", "Wójcik", "Dąbrowski", "Łukasiewicz", "Nowák", "Dvořák",
			"Novotný", "Ærøskøbing", "Sørensen", "Ångström", "Öztürk", "Çelik", "Şahin"),
		places: []string{"Warszawa, Polska", "Praha, Česko", "København, Danmark", "Stockholm, Sverige",
			"İstanbul, Türkiye", "Oslo, Norge"}},
	{weight: 6, hyphenate: 0,
		first: nl("Дмитрий", "dmitry", "Анна", "anna", "Сергей", "sergey", "Екатерина", "ekaterina",
			"Алексей", "alexey", "Ольга", "olga", "Юлия", "yulia", "Олександр", "oleksandr", "Наталья", "natalya"),
		last: nl("Иванов", "ivanov", "Смирнова", "smirnova", "Кузнецов", "kuznetsov", "Попова", "popova",
			"Соколов", "sokolov", "Шевченко", "shevchenko", "Ковальчук", "kovalchuk", "Лебедева", "lebedeva"),
		places: []string{"Москва, Россия", "Київ, Україна", "Almaty, Kazakhstan", "Berlin, Germany", "Tbilisi, Georgia"}},
	{weight: 7, hyphenate: 0,
		first: nl("太郎", "taro", "花子", "hanako", "翔太", "shota", "陽菜", "hina", "健", "ken",
			"伟", "wei", "芳", "fang", "静", "jing", "磊", "lei", "민준", "minjun", "서연", "seoyeon"),
		last: nl("山田", "yamada", "佐藤", "sato", "鈴木", "suzuki", "高橋", "takahashi", "田中", "tanaka",
			"王", "wang", "李", "li", "张", "zhang", "刘", "liu", "김", "kim", "박", "park"),
		places: []string{"東京都, 日本", "大阪, 日本", "上海, 中国", "北京, 中国", "서울, 대한민국",
			"Singapore", "Taipei City, Taiwan"}},
	{weight: 6, hyphenate: 0,
		first: n("Priya", "Rahul", "Ananya", "Arjun", "Fatima", "Mohammed", "Aisha", "Omar", "Chidi",
			"Ngozi", "Kwame", "Thandiwe", "Nguyễn", "Thảo", "Aditi", "Vikram"),
		last: n("Sharma", "Patel", "Gupta", "Iyer", "Al-Farsi", "El-Sayed", "Haddad", "Okafor", "Adeyemi",
			"Mensah", "Nkosi", "Trần", "Lê", "Reddy", "Ben-David"),
		places: []string{"Bengaluru, Karnataka, India", "Mumbai, Maharashtra, India", "Dubai, United Arab Emirates",
			"Lagos, Nigeria", "Nairobi, Kenya", "Cape Town, South Africa", "Hồ Chí Minh, Việt Nam"}},
}

var companies = []string{"Northwind Traders", "Contoso", "Fabrikam", "Tailspin Toys", "Wide World Importers",
	"Adventure Works", "Litware", "Proseware", "Woodgrove Bank", "Alpine Ski House", "Coho Winery",
	"Fourth Coffee", "Lucerne Publishing", "Margie's Travel", "Trey Research", "Blue Yonder Airlines",
	"Humongous Insurance", "Graphic Design Institute", "Wingtip Toys", "Bellows College", "Müller & Söhne GmbH",
	"Société Générale d'Études", "Café Lumière", "Nordlicht AB", "株式会社サクラ", "Ромашка", "Acme Corp",
	"Initech", "Globex", "Umbrella Health", "Stark Logistics", "Wayne Analytics"}

var titles = []string{"Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager",
	"Product Manager", "Senior Product Designer", "Data Scientist", "Data Engineer", "DevOps Engineer",
	"Site Reliability Engineer", "Account Executive", "Sales Development Representative", "Marketing Manager",
	"Content Strategist", "Financial Analyst", "Controller", "Talent Acquisition Partner", "Technical Recruiter",
	"HR Business Partner", "Customer Success Manager", "Operations Manager", "Project Manager",
	"Business Analyst", "Solutions Architect", "Nurse Practitioner", "Mechanical Engineer", "Teacher",
	"Chef de cuisine", "Ingénieur logiciel", "Softwareentwickler", "Head of People", "Chief Technology Officer"}

var skills = []string{"Go", "Kubernetes", "Python", "Machine Learning", "SQL", "B2B SaaS", "Leadership",
	"Hiring", "Negotiation", "UX Research", "Cloud Architecture", "Agile", "Public Speaking", "Finance"}

var emailDomains = []string{"example.com", "example.net", "example.org", "mail.example", "inbox.example"}

var orgNames = []string{"Northwind Health", "Contoso Pharmaceuticals", "Fabrikam Robotics",
	"Tailspin Aerospace", "Woodgrove Financial"}
