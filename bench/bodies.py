"""Request bodies the bench scripts share (the demo city's addresses: pickup in the urban
station's area, recipient in the fringe's)."""

SENDER = {
    "name": "王小明",
    "phone": "13800138000",
    "address": "中山市孙文中路1号3栋502室",
    "lat": 22.52,
    "lng": 113.38,
}
RECIPIENT = {
    "name": "李四",
    "phone": "13912345678",
    "address": "中山市博爱路88号2栋101室",
    "lat": 22.52,
    "lng": 113.45,
}
PATIENT = {
    "name": "张三",
    "phone": "13800138000",
    "address": "中山市博爱路88号2栋101室",
    "lat": 22.52,
    "lng": 113.45,
}
RECEIVER = {"name": "李四", "relation": "self"}
