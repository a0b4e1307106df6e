# Least-privilege security groups:
#   ALB   : 443 and 80 (redirect) from the internet; out only to each service's port on its tasks.
#   tasks : in only from the ALB on the service's own port; out to HTTPS (AWS APIs, ECR, SSM,
#           telephony/LLM/speech providers, tenant webhooks), Redis and PostgreSQL.
#   redis : in only from the tasks on 6379; no egress.
# All rules are separate resources so the groups can reference each other without cycles.

locals {
  database_egress = {
    for pair in setproduct(keys(var.service_ports), var.database_cidr_blocks) :
    "${pair[0]}|${pair[1]}" => { service = pair[0], cidr = pair[1] }
  }
}

resource "aws_security_group" "alb" {
  name        = "${var.name_prefix}-alb"
  description = "Invorto ALB: HTTPS/HTTP from the internet, to service tasks only"
  vpc_id      = var.vpc_id

  tags = {
    Name = "${var.name_prefix}-alb"
  }
}

#tfsec:ignore:aws-ec2-no-public-ingress-sgr The ALB is the public entry point (API, WebSockets, provider webhooks).
resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from the internet"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

#tfsec:ignore:aws-ec2-no-public-ingress-sgr Port 80 only answers with a redirect to HTTPS.
resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTP from the internet (redirected to HTTPS)"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "alb_to_service" {
  for_each = var.service_ports

  security_group_id            = aws_security_group.alb.id
  description                  = "To ${each.key} tasks on ${each.value}"
  ip_protocol                  = "tcp"
  from_port                    = each.value
  to_port                      = each.value
  referenced_security_group_id = aws_security_group.task[each.key].id
}

resource "aws_security_group" "task" {
  for_each = var.service_ports

  name        = "${var.name_prefix}-${each.key}-tasks"
  description = "Invorto ${each.key} tasks: in from the ALB on ${each.value} only"
  vpc_id      = var.vpc_id

  tags = {
    Name    = "${var.name_prefix}-${each.key}-tasks"
    Service = each.key
  }
}

resource "aws_vpc_security_group_ingress_rule" "task_from_alb" {
  for_each = var.service_ports

  security_group_id            = aws_security_group.task[each.key].id
  description                  = "From the ALB on the ${each.key} port"
  ip_protocol                  = "tcp"
  from_port                    = each.value
  to_port                      = each.value
  referenced_security_group_id = aws_security_group.alb.id
}

#tfsec:ignore:aws-ec2-no-public-egress-sgr Tasks call AWS APIs, ECR, SSM, telephony/speech/LLM providers and tenant webhook URLs over HTTPS; destinations are not known in advance.
resource "aws_vpc_security_group_egress_rule" "task_https" {
  for_each = var.service_ports

  security_group_id = aws_security_group.task[each.key].id
  description       = "HTTPS to AWS APIs, providers and tenant webhooks"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "task_redis" {
  for_each = var.service_ports

  security_group_id            = aws_security_group.task[each.key].id
  description                  = "Redis"
  ip_protocol                  = "tcp"
  from_port                    = var.redis_port
  to_port                      = var.redis_port
  referenced_security_group_id = aws_security_group.redis.id
}

resource "aws_vpc_security_group_egress_rule" "task_database" {
  for_each = local.database_egress

  security_group_id = aws_security_group.task[each.value.service].id
  description       = "PostgreSQL"
  ip_protocol       = "tcp"
  from_port         = var.database_port
  to_port           = var.database_port
  cidr_ipv4         = each.value.cidr
}

resource "aws_security_group" "redis" {
  name        = "${var.name_prefix}-redis"
  description = "Invorto Redis: in from service tasks on ${var.redis_port} only"
  vpc_id      = var.vpc_id

  tags = {
    Name = "${var.name_prefix}-redis"
  }
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_tasks" {
  for_each = var.service_ports

  security_group_id            = aws_security_group.redis.id
  description                  = "Redis from ${each.key} tasks"
  ip_protocol                  = "tcp"
  from_port                    = var.redis_port
  to_port                      = var.redis_port
  referenced_security_group_id = aws_security_group.task[each.key].id
}
