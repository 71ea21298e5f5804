import ShishiCore

/// Realistic sample data for simulations: candidate projects, departments and deputies' names.
enum SampleData {
    /// Livelihood projects as cities list them, with an English title and a responsible department.
    static let projects: [(String, String, String)] = [
        ("城区老旧小区改造", "Renovating old residential compounds", "市住房和城乡建设局"),
        ("新增公办幼儿园学位", "New public kindergarten places", "市教育局"),
        ("中小学食堂“明厨亮灶”改造", "Open kitchens in school canteens", "市市场监督管理局"),
        ("社区居家养老服务中心建设", "Community home-care centres for the elderly", "市民政局"),
        ("城乡公交线路优化与新增", "Better and new bus routes", "市交通运输局"),
        ("农村饮用水安全提升", "Safer rural drinking water", "市水利局"),
        ("老旧住宅电梯更新改造", "Replacing old lifts in housing", "市市场监督管理局"),
        ("新增公共停车泊位", "New public parking spaces", "市城市管理局"),
        ("背街小巷环境整治", "Tidying back streets and alleys", "市城市管理局"),
        ("基层医疗机构能力提升", "Stronger community clinics", "市卫生健康委员会"),
        ("口袋公园与健身步道建设", "Pocket parks and fitness trails", "市园林绿化局"),
        ("城市易涝点治理", "Fixing urban flood spots", "市水务局"),
        ("新建改建公共厕所", "New and renovated public toilets", "市城市管理局"),
        ("残疾人康复服务", "Rehabilitation services for people with disabilities", "市残疾人联合会"),
        ("农贸市场提升改造", "Upgrading farmers' markets", "市商务局"),
        ("电动自行车集中充电设施", "E-bike charging points", "市消防救援支队"),
        ("普惠性婴幼儿照护服务", "Affordable infant and toddler care", "市卫生健康委员会"),
        ("“一老一小”助餐服务", "Meal services for the old and the young", "市民政局"),
        ("校园周边交通安全提升", "Road safety near schools", "市公安局交通警察支队"),
        ("城乡生活垃圾分类", "Household waste sorting", "市城市管理局"),
        ("适龄妇女“两癌”免费筛查", "Free cervical and breast cancer screening", "市妇女联合会"),
        ("公共场所 AED 配置", "Defibrillators in public places", "市红十字会"),
        ("城市书房建设", "City reading rooms", "市文化广电旅游局"),
        ("高校毕业生就业见习", "Internships for new graduates", "市人力资源和社会保障局"),
        ("农村公路提质改造", "Better rural roads", "市交通运输局"),
        ("老旧燃气管道更新", "Replacing ageing gas pipes", "市住房和城乡建设局"),
        ("社区食堂建设", "Community canteens", "市民政局"),
        ("院前急救站点建设", "New ambulance stations", "市卫生健康委员会"),
        ("河道水环境综合治理", "Cleaner rivers", "市生态环境局"),
        ("便民服务中心标准化建设", "One-stop service centres", "市政务服务管理局"),
    ]

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉鹏飞宇晨浩然欣怡子涵梓轩思雨佳琪俊海燕宁波斌雪梅晓东春林丹凤琳颖慧婷")
    static let groups = ["东城区代表团", "西城区代表团", "南湖区代表团", "北山区代表团", "高新区代表团", "城关镇代表团", "解放军代表团", "经开区代表团"]

    /// A reproducible Chinese name.
    static func name(_ generator: inout SeededGenerator) -> String {
        let surname = surnames.randomElement(using: &generator)!
        let length = Int.random(in: 1...2, using: &generator)
        return String(surname) + String((0..<length).map { _ in givenNames.randomElement(using: &generator)! })
    }
}
